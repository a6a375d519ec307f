package org.stagedoor.admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.delivery.DevMailbox;

/**
 * What the dev mailbox received (README "SMTP"): only when no mail server is configured, so that the messages
 * the application would have sent can be read. With a real mail server there is no such page (404).
 */
@Controller
class DevMailboxController {

    private final ObjectProvider<DevMailbox> mailbox;

    DevMailboxController(ObjectProvider<DevMailbox> mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/admin/mailbox")
    String messages(Model model) {
        DevMailbox devMailbox = mailbox.getIfAvailable();
        if (devMailbox == null) {
            throw new NotFoundException("page", "/admin/mailbox");
        }
        model.addAttribute("address", devMailbox.host() + ":" + devMailbox.port());
        model.addAttribute("messages", devMailbox.messages());
        return "admin/mailbox";
    }
}
