package org.stagedoor.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.Sha256;
import org.stagedoor.scheduler.delivery.DeliverySettings;
import org.stagedoor.scheduler.delivery.Recipient;

/**
 * Accounts: administrators and partner users (one per person, by email), invitations and password
 * resets by emailed single-use links that expire. Only a link's SHA-256 is stored.
 */
@Service
public class Accounts {

    static final String INVITATION = "INVITATION";

    static final String PASSWORD_RESET = "PASSWORD_RESET";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore store;

    private final JdbcClient jdbc;

    private final PasswordEncoder passwords;

    private final JavaMailSender mail;

    private final DeliverySettings delivery;

    private final SecuritySettings settings;

    private final AuditLog audit;

    private final SignInThrottle throttle;

    private final Clock clock;

    Accounts(AccountStore store, JdbcClient jdbc, PasswordEncoder passwords, JavaMailSender mail,
            DeliverySettings delivery, SecuritySettings settings, AuditLog audit, SignInThrottle throttle,
            Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.mail = mail;
        this.delivery = delivery;
        this.settings = settings;
        this.audit = audit;
        this.throttle = throttle;
        this.clock = clock;
    }

    public List<StagedoorUser> all() {
        return store.all();
    }

    public List<StagedoorUser> ofPartnerCompany(long partnerCompanyId) {
        return store.ofPartnerCompany(partnerCompanyId);
    }

    public Optional<StagedoorUser> find(long accountId) {
        return store.byId(accountId);
    }

    /** Creates a partner user of a partner company and emails them an invitation; returns the account. */
    @Transactional
    public StagedoorUser invitePartnerUser(long partnerCompanyId, String email, String displayName, String invitedBy) {
        String address = checkedEmail(email);
        String name = checkedName(displayName);
        if (jdbc.sql("select count(*) from partner_company where id = :id").param("id", partnerCompanyId)
                .query(Integer.class).single() == 0) {
            throw new NotFoundException("partner company", partnerCompanyId);
        }
        long accountId;
        try {
            long partnerUser = store.insertPartnerUser(partnerCompanyId, address, name);
            accountId = store.insert(address, name, StagedoorUser.Role.PARTNER_USER, partnerUser);
        }
        catch (DuplicateKeyException ex) {
            throw new InvalidRequestException("email", "an account with this address exists already");
        }
        audit.adminChange(invitedBy, "invited " + address + " to partner company " + partnerCompanyId);
        sendInvitation(accountId);
        return store.byId(accountId).orElseThrow();
    }

    /** Creates an administrator and emails them an invitation. */
    @Transactional
    public StagedoorUser inviteAdministrator(String email, String displayName, String invitedBy) {
        long accountId = insertAdministrator(email, displayName);
        audit.adminChange(invitedBy, "invited administrator " + store.byId(accountId).orElseThrow().email());
        sendInvitation(accountId);
        return store.byId(accountId).orElseThrow();
    }

    /** An administrator with a password at once: for the demo venue and first setup, never from a web form. */
    @Transactional
    public StagedoorUser createAdministrator(String email, String displayName, String password) {
        String checked = checkedPassword(password);
        long accountId = insertAdministrator(email, displayName);
        store.setPassword(accountId, passwords.encode(checked));
        return store.byId(accountId).orElseThrow();
    }

    /**
     * An administrator made at the command line, where no mail may be set up yet: the single-use link to choose
     * the password is returned to be printed, not mailed, and works for {@code validFor}.
     */
    @Transactional
    public String createAdministratorWithLink(String email, String displayName, Duration validFor, String by) {
        long accountId = insertAdministrator(email, displayName);
        audit.adminChange(by, "created administrator " + store.byId(accountId).orElseThrow().email());
        String token = newToken();
        store.insertToken(accountId, INVITATION, Sha256.hex(token), clock.instant().plus(validFor));
        return link("/invitation?token=" + token);
    }

    /** Whether anyone can sign in to the console yet. */
    public boolean hasAdministrator() {
        return store.hasEnabledAdministrator();
    }

    /** A partner user with a password at once: for the demo venue only. */
    @Transactional
    public StagedoorUser createPartnerUser(long partnerCompanyId, String email, String displayName, String password) {
        String address = checkedEmail(email);
        String name = checkedName(displayName);
        long partnerUser = store.insertPartnerUser(partnerCompanyId, address, name);
        long accountId = store.insert(address, name, StagedoorUser.Role.PARTNER_USER, partnerUser);
        store.setPassword(accountId, passwords.encode(checkedPassword(password)));
        return store.byId(accountId).orElseThrow();
    }

    /** Sends a new invitation; earlier links stop working. */
    @Transactional
    public void resendInvitation(long accountId, String by) {
        StagedoorUser account = store.byId(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
        audit.adminChange(by, "sent a new invitation to " + account.email());
        sendInvitation(accountId);
    }

    @Transactional
    public void setEnabled(long accountId, boolean enabled, String by) {
        StagedoorUser account = store.byId(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
        store.setEnabled(accountId, enabled);
        audit.adminChange(by, (enabled ? "enabled " : "disabled ") + account.email());
    }

    /** Whether an invitation or reset link still works (for showing its form). */
    public boolean linkWorks(String purpose, String token) {
        return token != null && !token.isBlank() && store.tokenValid(purpose, Sha256.hex(token));
    }

    /** Sets the password through an invitation or reset link, which is then used up. */
    @Transactional
    public StagedoorUser setPassword(String purpose, String token, String password) {
        String checked = checkedPassword(password);
        long accountId = store.useToken(purpose, Sha256.hex(token == null ? "" : token))
                .orElseThrow(() -> new InvalidRequestException("token", "this link has expired or was used already;"
                        + " ask for a new one"));
        store.setPassword(accountId, passwords.encode(checked));
        StagedoorUser account = store.byId(accountId).orElseThrow();
        // The emailed link proves the owner: whatever pause strangers caused ends here.
        throttle.cleared(account.email());
        audit.record(account.email(), AuditLog.Kind.PASSWORD_SET, account.partnerCompanyId(), null, null,
                purpose.equals(INVITATION) ? "accepted the invitation" : "reset the password");
        return account;
    }

    /**
     * Emails a reset link if an enabled account has this email, unless it was sent {@code resetMailsPerAccount} of
     * them within {@code resetWindow}; otherwise does nothing. Called after the request has been answered (see
     * {@link LoginController}), so that neither the answer nor its timing tells known addresses from unknown ones.
     */
    @Transactional
    public void requestPasswordReset(String email) {
        if (email == null || !Recipient.isAddress(email.strip())) {
            return;
        }
        store.byEmail(email.strip()).filter(account -> account.isEnabled()).ifPresent(account -> {
            if (store.tokensSince(account.accountId(), PASSWORD_RESET, clock.instant().minus(settings.resetWindow()))
                    >= settings.resetMailsPerAccount()) {
                return;
            }
            store.expireTokens(account.accountId(), PASSWORD_RESET);
            String token = newToken();
            store.insertToken(account.accountId(), PASSWORD_RESET, Sha256.hex(token),
                    clock.instant().plus(settings.passwordResetValidFor()));
            send(account.email(), "Reset your Stagedoor password",
                    "Someone (hopefully you) asked to reset the password of your Stagedoor account.",
                    link("/password-reset/new?token=" + token), "Choose a new password",
                    "The link works once, for " + settings.passwordResetValidFor().toMinutes() + " minutes.");
        });
    }

    /** Ends an account's sign-in pause after failed sign-ins, before it would end by itself. */
    @Transactional
    public void endSignInPause(long accountId, String by) {
        StagedoorUser account = store.byId(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
        throttle.cleared(account.email());
        audit.adminChange(by, "let " + account.email() + " sign in again before the pause after failed sign-ins ended");
    }

    private void sendInvitation(long accountId) {
        StagedoorUser account = store.byId(accountId).orElseThrow();
        store.expireTokens(accountId, INVITATION);
        String token = newToken();
        store.insertToken(accountId, INVITATION, Sha256.hex(token),
                clock.instant().plus(settings.invitationValidFor()));
        send(account.email(), "Your Stagedoor account", "Hello " + account.displayName()
                + ", an account has been created for you on Stagedoor, the venue's reporting portal.",
                link("/invitation?token=" + token), "Choose your password",
                "The link works once, for " + settings.invitationValidFor().toDays() + " days.");
    }

    private String link(String path) {
        String base = delivery.portalBaseUrl().endsWith("/")
                ? delivery.portalBaseUrl().substring(0, delivery.portalBaseUrl().length() - 1)
                : delivery.portalBaseUrl();
        return base + path;
    }

    private void send(String to, String subject, String intro, String link, String action, String validity) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(delivery.from());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(intro + "\n\n" + action + ": " + link + "\n\n" + validity + "\n",
                    "<p>" + HtmlUtils.htmlEscape(intro) + "</p><p><a href=\"" + HtmlUtils.htmlEscape(link) + "\">"
                            + HtmlUtils.htmlEscape(action) + "</a></p><p>" + HtmlUtils.htmlEscape(validity) + "</p>");
            mail.send(message);
        }
        catch (MessagingException ex) {
            throw new IllegalStateException("The email to " + to + " could not be written: " + ex.getMessage(), ex);
        }
    }

    private long insertAdministrator(String email, String displayName) {
        String address = checkedEmail(email);
        String name = checkedName(displayName);
        try {
            return store.insert(address, name, StagedoorUser.Role.ADMIN, null);
        }
        catch (DuplicateKeyException ex) {
            throw new InvalidRequestException("email", "an account with this address exists already");
        }
    }

    private String checkedEmail(String email) {
        String address = email == null ? "" : email.strip();
        if (!Recipient.isAddress(address)) {
            throw new InvalidRequestException("email", "is not an email address");
        }
        return address;
    }

    private static String checkedName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new InvalidRequestException("displayName", trimmed.isEmpty() ? "is required" : "is too long");
        }
        return trimmed;
    }

    private String checkedPassword(String password) {
        if (password == null || password.length() < settings.minPasswordLength()) {
            throw new InvalidRequestException("password", "must be at least " + settings.minPasswordLength()
                    + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            // bcrypt reads 72 bytes at most; a longer password would be cut without a word. Letters with accents
            // and symbols take two to four bytes each.
            throw new InvalidRequestException("password", "is too long: use at most 72 letters and digits, or fewer"
                    + " if it has accented letters or symbols");
        }
        return password;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
