package org.stagedoor.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.scheduler.delivery.DevMailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Logins: failures answer alike, lockout, a new session id at login, cookie flags, audited logins,
 * and invitation and reset links that work once and expire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.security.max-failed-logins=3" })
class SecurityIntegrationTests extends StoreIntegrationTest {

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

    @LocalServerPort
    private int port;

    private MockMvc mvc;

    private PartnerCompany northern;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        northern = fixtures.partner("Northern Lights Productions", false);
        TestAccounts.partnerUser(accounts, northern.id(), "ann@northern.example");
    }

    @Test
    void anUnknownEmailAWrongPasswordAndALockedAccountAnswerAlike() throws Exception {
        String unknown = failedLogin("nobody@northern.example", TestAccounts.PASSWORD);
        String wrong = failedLogin("ann@northern.example", "not-the-password");

        assertThat(unknown).isEqualTo("/login?error").isEqualTo(wrong);
        failedLogin("ann@northern.example", "not-the-password");
        failedLogin("ann@northern.example", "not-the-password");
        // Locked after three failures in a row (the test setting): even the right password now answers the same.
        assertThat(failedLogin("ann@northern.example", TestAccounts.PASSWORD)).isEqualTo("/login?error");
        assertThat(audit.recent(AuditLog.Kind.LOGIN_FAILED, 10)).hasSize(5)
                .anySatisfy(entry -> assertThat(entry.actor()).isEqualTo("nobody@northern.example"));
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
        MvcResult tooShort = mvc.perform(post("/invitation").with(csrf()).param("token", token).param("password", "short"))
                .andReturn();
        assertThat(tooShort.getResponse().getContentAsString()).contains("at least 12 characters");
        MvcResult set = mvc.perform(post("/invitation").with(csrf()).param("token", token)
                .param("password", "a-long-enough-password")).andReturn();
        assertThat(set.getResponse().getRedirectedUrl()).isEqualTo("/login?password");

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
        assertThat(mailTo("nobody@northern.example")).isEmpty();
        assertThat(mailTo("ann@northern.example")).hasSize(1);
        String link = linkIn(mailTo("ann@northern.example").get(0));
        String token = link.substring(link.indexOf("token=") + 6);
        jdbc.sql("update login_token set expires_at = created_at + interval '1 second'").update();
        Thread.sleep(Duration.ofSeconds(1).toMillis());

        String expired = mvc.perform(get("/password-reset/new").param("token", token)).andReturn().getResponse()
                .getContentAsString();
        assertThat(expired).contains("expired or was used already");
    }

    private List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> to = new java.util.ArrayList<>();
        for (MimeMessage message : mailbox.receivedMessages()) {
            for (jakarta.mail.Address recipient : message.getAllRecipients()) {
                if (recipient.toString().equalsIgnoreCase(address)) {
                    to.add(message);
                }
            }
        }
        return to;
    }

    private String failedLogin(String email, String password) throws Exception {
        return mvc.perform(formLogin().user(email).password(password)).andReturn().getResponse().getRedirectedUrl();
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
