package org.stagedoor.admin;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.delivery.DevMailbox;

/**
 * What the dev mailbox received (docs/schedules-and-delivery.md): only when no mail server is configured, so that the
 * messages the application would have sent can be read, their links followed (an invitation, a password reset) and
 * their attachments opened. With a real mail server there is no such page (404).
 */
@Controller
class DevMailboxController {

    /**
     * A message's HTML is someone else's document: it is served on its own, sandboxed by its own policy (no script,
     * no form, nothing fetched but what it carries inline), so it is as harmless opened alone as framed in the
     * message page. Its links replace the whole console page, or open a new tab, when clicked: an invitation link
     * then works as in a mail program. Spring Security's {@code X-Frame-Options: DENY} stays on this answer too
     * (it is written last, on every answer), but browsers follow {@code frame-ancestors} where both are given.
     */
    static final String MAIL_HTML_POLICY = "sandbox allow-popups allow-popups-to-escape-sandbox"
            + " allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline';"
            + " img-src data:; frame-ancestors 'self'";

    private final ObjectProvider<DevMailbox> mailbox;

    DevMailboxController(ObjectProvider<DevMailbox> mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/admin/mailbox")
    String messages(Model model) {
        DevMailbox devMailbox = devMailbox();
        model.addAttribute("address", "localhost:" + devMailbox.port());
        model.addAttribute("messages", devMailbox.messages());
        return "admin/mailbox";
    }

    @GetMapping("/admin/mailbox/{number}")
    String message(@PathVariable int number, Model model) {
        DevMailbox.OpenedMessage opened = opened(number);
        model.addAttribute("opened", opened);
        model.addAttribute("message", opened.message());
        model.addAttribute("text", opened.text() == null ? null : MailText.parts(opened.text()));
        return "admin/mailbox-message";
    }

    /** The HTML body alone, for the message page's frame (see {@link #MAIL_HTML_POLICY}). */
    @GetMapping("/admin/mailbox/{number}/html")
    ResponseEntity<byte[]> html(@PathVariable int number) {
        String html = opened(number).html();
        if (html == null) {
            throw new NotFoundException("HTML version of message", number);
        }
        return ResponseEntity.ok()
                .header("Content-Security-Policy", MAIL_HTML_POLICY)
                .cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(linksLeaveTheFrame(html).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/admin/mailbox/{number}/attachments/{attachment}")
    ResponseEntity<byte[]> attachment(@PathVariable int number, @PathVariable int attachment) {
        DevMailbox.Attachment file = opened(number).attachment(attachment)
                .orElseThrow(() -> new NotFoundException("attachment of message " + number, attachment));
        MediaType type;
        try {
            type = MediaType.parseMediaType(file.contentType());
        }
        catch (IllegalArgumentException ex) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .cacheControl(CacheControl.noStore())
                .contentType(type)
                .body(file.content());
    }

    private DevMailbox devMailbox() {
        DevMailbox devMailbox = mailbox.getIfAvailable();
        if (devMailbox == null) {
            throw new NotFoundException("page", "/admin/mailbox");
        }
        return devMailbox;
    }

    private DevMailbox.OpenedMessage opened(int number) {
        return devMailbox().open(number).orElseThrow(() -> new NotFoundException("message in the dev mailbox", number));
    }

    /**
     * Links in a frame would open inside it, where the portal's pages refuse to be shown; a base target sends them
     * to the whole window. Put first, it wins over a base the mail may have (after a doctype, to keep its mode).
     */
    static String linksLeaveTheFrame(String html) {
        String base = "<base target=\"_top\">";
        String start = html.stripLeading();
        if (start.toLowerCase(Locale.ROOT).startsWith("<!doctype")) {
            int end = start.indexOf('>');
            if (end >= 0) {
                return start.substring(0, end + 1) + base + start.substring(end + 1);
            }
        }
        return base + html;
    }
}
