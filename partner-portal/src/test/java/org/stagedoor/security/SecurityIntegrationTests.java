package org.stagedoor.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.delivery.DevMailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Logins: failures answer alike, throttling that a stranger cannot turn against the owner, a new session id at
 * login, cookie flags, audited logins, and invitation and reset links that work once, expire and are not a way to
 * tell known addresses or to send mail without end. Each test signs in from client addresses of its own.
 */
class SecurityIntegrationTests extends WebServerIntegrationTest {

    @Autowired
    private WebApplicationContext context;

    @Autowired
    private Accounts accounts;

    @Autowired
    private BookingFixtures fixtures;

    @Autowired
    private AuditLog audit;

    @Autowired
    private DevMailbox mailbox;

    @Autowired
    private PlatformTransactionManager transactions;

    @LocalServerPort
    private int port;

    private MockMvc mvc;

    private PartnerCompany northern;

    private int mailsBefore;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        mailsBefore = mailbox.receivedMessages().size();
        northern = fixtures.partner("Northern Lights Productions", false);
        TestAccounts.partnerUser(accounts, northern.id(), "ann@northern.example");
    }

    @Test
    void anUnknownEmailAndAWrongPasswordAnswerAlikeAndAreAudited() throws Exception {
        String unknown = failedLogin("nobody@northern.example", TestAccounts.PASSWORD);
        String wrong = failedLogin("ann@northern.example", "not-the-password");

        assertThat(unknown).isEqualTo("/login?error").isEqualTo(wrong);
        assertThat(audit.recent(AuditLog.Kind.LOGIN_FAILED, 10)).hasSize(2)
                .anySatisfy(entry -> assertThat(entry.actor()).isEqualTo("nobody@northern.example"));
    }

    /**
     * Covers issue 13 item 3: failures pause sign-ins with that email for a fixed while; attempts during the pause are
     * refused before any password is compared, are not counted and do not move the pause; after it the right password
     * works. An unknown email is paused exactly alike, so a pause tells nothing of which accounts exist.
     */
    @Test
    void failedSignInsPauseTheEmailForAFixedWhileThatNoAttemptExtends() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(failedLogin("ann@northern.example", "not-the-password", "10.0.0.1")).isEqualTo("/login?error");
            assertThat(failedLogin("nobody@northern.example", "not-the-password", "10.0.0.2"))
                    .isEqualTo("/login?error");
        }
        Instant pausedUntil = pausedUntil("ann@northern.example");
        assertThat(pausedUntil).isBetween(Instant.now().plusSeconds(30), Instant.now().plusSeconds(61));

        // From other addresses, and with the right password: refused unchecked, and the pause stays where it was.
        for (int i = 0; i < 10; i++) {
            assertThat(failedLogin("ann@northern.example", TestAccounts.PASSWORD, "10.0.1." + i))
                    .isEqualTo("/login?paused=1");
        }
        assertThat(failedLogin("nobody@northern.example", TestAccounts.PASSWORD, "10.0.1.99"))
                .isEqualTo("/login?paused=1");
        assertThat(pausedUntil("ann@northern.example")).isEqualTo(pausedUntil);
        assertThat(audit.recent(AuditLog.Kind.LOGIN_FAILED, 100)).hasSize(10);

        jdbc.sql("update sign_in_pause set paused_until = now() - interval '1 second'").update();
        assertThat(failedLogin("ann@northern.example", TestAccounts.PASSWORD, "10.0.2.1")).isEqualTo("/");
        assertThat(jdbc.sql("select count(*) from sign_in_pause where email_key = 'ann@northern.example'")
                .query(Integer.class).single()).as("a success forgets the failures").isZero();
    }

    /** Covers issue 13 item 3: each later pause is longer, up to a ceiling; none is longer than the ceiling. */
    @Test
    void laterPausesAreLongerUpToACeiling() throws Exception {
        List<Duration> pauses = new java.util.ArrayList<>();
        for (int pause = 0; pause < 6; pause++) {
            for (int i = 0; i < 5; i++) {
                failedLogin("ann@northern.example", "not-the-password", "10.1." + pause + "." + i);
            }
            Instant until = pausedUntil("ann@northern.example");
            pauses.add(Duration.between(Instant.now(), until));
            jdbc.sql("update sign_in_pause set paused_until = now() - interval '1 second'").update();
        }
        assertThat(pauses.get(0)).isBetween(Duration.ofSeconds(50), Duration.ofMinutes(1));
        assertThat(pauses.get(1)).isBetween(Duration.ofSeconds(110), Duration.ofMinutes(2));
        assertThat(pauses.get(4)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(pauses.get(5)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
    }

    /**
     * Covers issue 13 item 3: the owner of a paused account gets in through the emailed reset link, which signs them
     * in and ends the pause.
     */
    @Test
    void theOwnerOfAPausedAccountGetsInThroughTheResetLink() throws Exception {
        for (int i = 0; i < 5; i++) {
            failedLogin("ann@northern.example", "not-the-password", "10.2.0." + i);
        }
        assertThat(failedLogin("ann@northern.example", TestAccounts.PASSWORD, "10.2.1.1")).startsWith("/login?paused");

        mvc.perform(post("/password-reset").with(csrf()).with(from("10.2.1.1")).param("email", "ann@northern.example"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo("ann@northern.example").isEmpty());
        String link = linkIn(mailTo("ann@northern.example").get(0));
        MvcResult reset = mvc.perform(post("/password-reset/new").with(csrf()).with(from("10.2.1.1"))
                .param("token", link.substring(link.indexOf("token=") + 6))
                .param("password", "ann-s-new-password")).andReturn();

        assertThat(reset.getResponse().getRedirectedUrl()).isEqualTo("/");
        mvc.perform(get("/portal").session((MockHttpSession) reset.getRequest().getSession(false)))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
        assertThat(pausedUntil("ann@northern.example")).isNull();
    }

    /**
     * Covers issue 13 item 3: the console shows a paused account and an administrator can end the pause, which is
     * audited.
     */
    @Test
    void anAdministratorSeesAPausedAccountAndEndsThePause() throws Exception {
        StagedoorUser admin = TestAccounts.admin(accounts, "admin@venue.example");
        StagedoorUser ann = accounts.all().stream().filter(a -> a.email().equals("ann@northern.example"))
                .findFirst().orElseThrow();
        for (int i = 0; i < 5; i++) {
            failedLogin("ann@northern.example", "not-the-password", "10.3.0." + i);
        }

        String page = mvc.perform(get("/admin/partners/{id}", northern.id()).with(TestAccounts.as(admin)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("sign-in paused after failed attempts").contains("Let them sign in now");
        mvc.perform(post("/admin/accounts/{id}/end-pause", ann.accountId()).with(csrf()).with(TestAccounts.as(admin)));

        assertThat(pausedUntil("ann@northern.example")).isNull();
        assertThat(failedLogin("ann@northern.example", TestAccounts.PASSWORD, "10.3.1.1")).isEqualTo("/");
        assertThat(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 10)).anySatisfy(entry -> assertThat(entry.detail())
                .contains("let ann@northern.example sign in again"));
    }

    /**
     * Covers issue 13 item 4: an address that keeps failing is refused at once, before any password check, as a 429
     * with Retry-After for the API and a page saying so for the form; other addresses are not affected.
     */
    @Test
    void anAddressThatKeepsFailingIsRefusedBeforeAnyPasswordCheck() throws Exception {
        for (int i = 0; i < 20; i++) {
            mvc.perform(get("/api/portal/reports").with(from("10.4.0.1"))
                    .header(HttpHeaders.AUTHORIZATION, basic("stranger" + i + "@example.org", "guess")))
                    .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(401));
        }

        MvcResult refused = mvc.perform(get("/api/portal/reports").with(from("10.4.0.1"))
                .header(HttpHeaders.AUTHORIZATION, basic("ann@northern.example", TestAccounts.PASSWORD))).andReturn();
        // Answered a moment later, holding no request thread meanwhile.
        assertThat(refused.getRequest().isAsyncStarted()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> refused.getResponse().getStatus() == 429
                && refused.getResponse().getContentAsString().contains("Too many failed sign-ins"));
        assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        assertThat(refused.getResponse().getContentAsString()).contains("Too many failed sign-ins");
        assertThat(failedLogin("ann@northern.example", TestAccounts.PASSWORD, "10.4.0.1")).isEqualTo("/login?paused=1");
        assertThat(audit.recent(AuditLog.Kind.LOGIN_FAILED, 100)).as("refused unchecked, not counted").hasSize(20);

        mvc.perform(get("/api/portal/reports").with(from("10.4.0.2"))
                .header(HttpHeaders.AUTHORIZATION, basic("ann@northern.example", TestAccounts.PASSWORD)))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
    }

    /**
     * Covers issue 13 item 5: the reset form answers before any mail is written: here the table of links is locked by
     * another transaction, and the answer still comes at once; the mail follows when the lock is released.
     */
    @Test
    void aResetRequestIsAnsweredBeforeItsMailIsWritten() throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("lock table login_token in exclusive mode").update();
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            long started = System.nanoTime();
            String answer = mvc.perform(post("/password-reset").with(csrf()).with(from("10.5.0.1"))
                    .param("email", "ann@northern.example")).andReturn().getResponse().getContentAsString();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(answer).contains("If an account has this address");
            assertThat(mailTo("ann@northern.example")).isEmpty();
        }
        finally {
            release.countDown();
            holder.join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo("ann@northern.example").size() == 1);
    }

    /**
     * Covers issue 13 item 5: an account is sent a few reset mails an hour at most, and one client may ask only so
     * often, whatever the addresses it asks for.
     */
    @Test
    void resetMailsAreLimitedPerAccountAndPerClient() throws Exception {
        for (int i = 0; i < 6; i++) {
            mvc.perform(post("/password-reset").with(csrf()).with(from("10.6.0." + i)).param("email",
                    "ann@northern.example"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo("ann@northern.example").size() == 3);
        Thread.sleep(500);
        assertThat(mailTo("ann@northern.example")).hasSize(3);

        for (int i = 0; i < 10; i++) {
            mvc.perform(post("/password-reset").with(csrf()).with(from("10.6.1.1")).param("email",
                    "someone" + i + "@example.org")).andExpect(result ->
                    assertThat(result.getResponse().getStatus()).isEqualTo(200));
        }
        MvcResult eleventh = mvc.perform(post("/password-reset").with(csrf()).with(from("10.6.1.1"))
                .param("email", "someone-else@example.org")).andReturn();
        assertThat(eleventh.getResponse().getStatus()).isEqualTo(429);
        assertThat(eleventh.getResponse().getContentAsString()).contains("Too many reset requests");
    }

    /** Covers issue 13 item 11: 72 characters but more than 72 bytes is a field error in words, not a failure. */
    @Test
    void aPasswordOfMoreThan72BytesIsRefusedWithAFieldError() throws Exception {
        accounts.invitePartnerUser(northern.id(), "ivy@northern.example", "Ivy", "admin@venue.example");
        String link = linkIn(mailTo("ivy@northern.example").get(0));
        String token = link.substring(link.indexOf("token=") + 6);
        String accented = "é".repeat(40);

        MvcResult refused = mvc.perform(post("/invitation").with(csrf()).param("token", token)
                .param("password", accented)).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString()).contains("is too long");
        assertThat(failedLogin("ann@northern.example", "é".repeat(72), "10.7.0.1")).isEqualTo("/login?error");
    }

    @Test
    void aLoginGetsANewSessionIdAndIsAudited() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();

        MvcResult result = mvc.perform(formLogin().user("ann@northern.example").password(TestAccounts.PASSWORD))
                .andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
        assertThat(audit.recent(AuditLog.Kind.LOGIN_OK, 10)).singleElement()
                .satisfies(entry -> assertThat(entry.partnerCompanyId()).isEqualTo(northern.id()));
    }

    @Test
    void theSessionCookieIsSecureAndHttpOnly() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());

        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("Secure")
                .contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void anInvitationLinkSetsThePasswordOnceAndThenNoLonger() throws Exception {
        accounts.invitePartnerUser(northern.id(), "ivy@northern.example", "Ivy", "admin@venue.example");
        String link = linkIn(mailTo("ivy@northern.example").get(0));
        String token = link.substring(link.indexOf("token=") + 6);

        mvc.perform(get("/invitation").param("token", token)).andExpect(result ->
                assertThat(result.getResponse().getContentAsString()).contains("Choose your password"));
        MvcResult tooShort = mvc.perform(post("/invitation").with(csrf()).param("token", token)
                        .param("password", "short"))
                .andReturn();
        assertThat(tooShort.getResponse().getContentAsString()).contains("at least 12 characters");
        MvcResult set = mvc.perform(post("/invitation").with(csrf()).param("token", token)
                .param("password", "a-long-enough-password")).andReturn();
        // The link signs its owner in.
        assertThat(set.getResponse().getRedirectedUrl()).isEqualTo("/");

        assertThat(mvc.perform(formLogin().user("ivy@northern.example").password("a-long-enough-password"))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
        MvcResult again = mvc.perform(post("/invitation").with(csrf()).param("token", token)
                .param("password", "another-long-password")).andReturn();
        assertThat(again.getResponse().getContentAsString()).contains("expired or was used already");
    }

    @Test
    void aPasswordResetAnswersAlikeForUnknownAddressesAndItsLinkExpires() throws Exception {
        String unknown = mvc.perform(post("/password-reset").with(csrf()).param("email", "nobody@northern.example"))
                .andReturn().getResponse().getContentAsString();
        String known = mvc.perform(post("/password-reset").with(csrf()).param("email", "ann@northern.example"))
                .andReturn().getResponse().getContentAsString();

        assertThat(unknown).isEqualTo(known).contains("If an account has this address");
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo("ann@northern.example").size() == 1);
        assertThat(mailTo("nobody@northern.example")).isEmpty();
        String link = linkIn(mailTo("ann@northern.example").get(0));
        String token = link.substring(link.indexOf("token=") + 6);
        jdbc.sql("update login_token set expires_at = created_at + interval '1 second'").update();
        Thread.sleep(Duration.ofSeconds(1).toMillis());

        String expired = mvc.perform(get("/password-reset/new").param("token", token)).andReturn().getResponse()
                .getContentAsString();
        assertThat(expired).contains("expired or was used already");
    }

    /** The mail sent to {@code address} during this test (the mailbox keeps every earlier test's too). */
    private List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> to = new java.util.ArrayList<>();
        List<MimeMessage> received = mailbox.receivedMessages();
        for (MimeMessage message : received.subList(mailsBefore, received.size())) {
            for (jakarta.mail.Address recipient : message.getAllRecipients()) {
                if (recipient.toString().equalsIgnoreCase(address)) {
                    to.add(message);
                }
            }
        }
        return to;
    }

    private String failedLogin(String email, String password) throws Exception {
        return failedLogin(email, password, "127.0.0.1");
    }

    /**
     * A form login (its answer's redirect) from a client address of its own, so that tests do not share an address's
     * failures.
     */
    private String failedLogin(String email, String password, String address) throws Exception {
        return mvc.perform(post("/login").with(csrf()).with(from(address)).param("username", email)
                .param("password", password)).andReturn().getResponse().getRedirectedUrl();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private Instant pausedUntil(String email) {
        return jdbc.sql("select paused_until from sign_in_pause where email_key = :key").param("key", email)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
    }

    private static String linkIn(MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        String whole = out.toString(java.nio.charset.StandardCharsets.UTF_8).replace("=\r\n", "").replace("=3D", "=");
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("https?://[^\\s\"<]+token=[A-Za-z0-9_-]+")
                .matcher(whole);
        assertThat(matcher.find()).as("a link in the mail").isTrue();
        return matcher.group();
    }
}
