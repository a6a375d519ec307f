package org.stagedoor.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.partner.PartnerCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two-step sign-in (issue 18 item 3): set up through the page with the QR code and its key, then a code from the
 * authenticator app after the password, computed here as RFC 6238 says ({@link Totp}); wrong and reused codes
 * refused in words and counted as failed sign-ins; recovery codes once each; the venue's requirements per company
 * and for everyone who can download personal data; an administrator's audited reset; API tokens unaffected.
 * Each test signs in from client addresses of its own.
 */
class TwoStepSignInIntegrationTests extends WebServerIntegrationTest {

    @Autowired
    private WebApplicationContext context;

    @Autowired
    private Accounts accounts;

    @Autowired
    private ApiTokens apiTokens;

    @Autowired
    private SavedReports saved;

    @Autowired
    private BookingFixtures fixtures;

    @Autowired
    private AuditLog audit;

    private MockMvc mvc;

    private PartnerCompany northern;

    private StagedoorUser admin;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        northern = fixtures.partner("Northern Lights Productions", false);
        TestAccounts.partnerUser(accounts, northern.id(), "ann@northern.example");
        admin = TestAccounts.admin(accounts, "admin@venue.example");
    }

    @AfterEach
    void venueRequiresNothing() {
        jdbc.sql("update venue set two_step_for_personal_data = false").update();
    }

    @Test
    void aUserSetsItUpFromTheQrPageAndThenSignsInWithACodeFromTheirApp() throws Exception {
        MockHttpSession first = login("ann@northern.example", "10.18.1.1");
        String secret = enrol(first);

        // A new sign-in: the password alone opens nothing but the page that asks for the code.
        MockHttpSession second = login("ann@northern.example", "10.18.1.2");
        assertThat(redirect(get("/portal").session(second))).isEqualTo("/sign-in/code");
        assertThat(mvc.perform(get("/api/portal/reports").session(second)).andReturn().getResponse().getStatus())
                .isEqualTo(401);
        Document codePage = page(get("/sign-in/code").session(second));
        assertThat(codePage.select("label[for=code]").text())
                .isEqualTo("Enter the 6-digit code from your authenticator app");
        assertThat(codePage.select("a[href=/sign-in/recovery]").text()).isEqualTo("Use a recovery code instead");

        String code = Totp.code(secret, Instant.now(), 1);
        assertThat(redirect(code(second, "10.18.1.9", code))).isEqualTo("/");
        assertThat(mvc.perform(get("/portal").session(second)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(audit.recent(AuditLog.Kind.LOGIN_OK, 10)).extracting(AuditLog.Entry::detail)
                .contains("second step with a code from the authenticator app");
    }

    @Test
    void aWrongCodeIsRefusedInWordsAndACodeWorksOnlyOnce() throws Exception {
        String secret = enrol(login("ann@northern.example", "10.18.2.1"));
        MockHttpSession session = login("ann@northern.example", "10.18.2.2");

        MockHttpServletResponse wrong = mvc.perform(code(session, "10.18.2.9", wrongCode(secret))).andReturn()
                .getResponse();
        assertThat(wrong.getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(wrong.getContentAsString()).select("p.error").text()).isEqualTo("That code is not"
                + " right. Enter the 6-digit code your authenticator app shows for Stagedoor now.");

        String code = Totp.code(secret, Instant.now(), 1);
        assertThat(redirect(code(session, "10.18.2.9", code))).isEqualTo("/");

        // The same code again, within its 30 seconds, seen over the shoulder: refused.
        MockHttpSession replay = login("ann@northern.example", "10.18.2.3");
        MockHttpServletResponse again = mvc.perform(code(replay, "10.18.2.9", code)).andReturn().getResponse();
        assertThat(again.getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(again.getContentAsString()).select("p.error").text()).isEqualTo("That code was used"
                + " already. Wait for your authenticator app to show a new code (it changes every 30 seconds), then"
                + " enter the new one.");
        assertThat(redirect(get("/portal").session(replay))).isEqualTo("/sign-in/code");
        assertThat(audit.recent(AuditLog.Kind.LOGIN_FAILED, 10)).extracting(AuditLog.Entry::detail)
                .containsExactly("a two-step code used already", "a wrong two-step code");
    }

    /** Covers issue 13 item 3's pauses for codes too: five wrong codes pause the email, the right one included. */
    @Test
    void wrongCodesPauseSigningInSoCodesCannotBeGuessed() throws Exception {
        String secret = enrol(login("ann@northern.example", "10.18.3.1"));
        MockHttpSession session = login("ann@northern.example", "10.18.3.2");
        for (int i = 0; i < 5; i++) {
            assertThat(mvc.perform(code(session, "10.18.3.9", wrongCode(secret))).andReturn().getResponse()
                    .getStatus()).isEqualTo(400);
        }

        MockHttpServletResponse paused = mvc.perform(code(session, "10.18.3.9", Totp.code(secret, Instant.now(), 1)))
                .andReturn().getResponse();
        assertThat(paused.getStatus()).isEqualTo(429);
        assertThat(Jsoup.parse(paused.getContentAsString()).select("p.error").text()).isEqualTo("There have been"
                + " too many wrong codes, so signing in is paused for a minute. Try again then.");
        // Signing in with the password again neither gets round the pause nor wipes the count.
        assertThat(redirect(loginRequest("ann@northern.example", "10.18.3.3"))).isEqualTo("/login?paused=1");

        jdbc.sql("update sign_in_pause set paused_until = now() - interval '1 second'").update();
        assertThat(redirect(code(session, "10.18.3.9", Totp.code(secret, Instant.now(), 1)))).isEqualTo("/");
        assertThat(jdbc.sql("select count(*) from sign_in_pause").query(Integer.class).single())
                .as("a right code forgets the failures").isZero();
    }

    @Test
    void aRecoveryCodeSignsInOnceInsteadOfACode() throws Exception {
        MockHttpSession first = login("ann@northern.example", "10.18.4.1");
        List<String> recoveryCodes = recoveryCodesOf(first);
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z0-9]{4}(-[a-z0-9]{4}){3}"));
        assertThat(jdbc.sql("select code_hash from two_step_recovery_code").query(String.class).list())
                .hasSize(10).allSatisfy(hash -> assertThat(hash).startsWith("{bcrypt}"));

        MockHttpSession second = login("ann@northern.example", "10.18.4.2");
        assertThat(redirect(post("/sign-in/recovery").with(csrf()).session(second)
                .param("recoveryCode", recoveryCodes.get(3)))).isEqualTo("/");
        assertThat(mvc.perform(get("/portal").session(second)).andReturn().getResponse().getStatus()).isEqualTo(200);

        MockHttpSession third = login("ann@northern.example", "10.18.4.3");
        MockHttpServletResponse usedAgain = mvc.perform(post("/sign-in/recovery").with(csrf()).session(third)
                .param("recoveryCode", recoveryCodes.get(3))).andReturn().getResponse();
        assertThat(usedAgain.getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(usedAgain.getContentAsString()).select("p.error").text()).isEqualTo("That recovery"
                + " code is not right, or it was used already. Each recovery code works once.");
        assertThat(audit.recent(AuditLog.Kind.LOGIN_OK, 20)).extracting(AuditLog.Entry::detail)
                .contains("second step with a recovery code (9 left)");
    }

    @Test
    void newRecoveryCodesAndTurningItOffTakeACodeFromTheApp() throws Exception {
        MockHttpSession session = login("ann@northern.example", "10.18.9.1");
        String key = page(get("/two-step/setup").session(session)).select("#secret").text();
        List<String> old = Jsoup.parse(mvc.perform(post("/two-step/setup").with(csrf()).session(session)
                .param("code", Totp.code(key, Instant.now(), 0))).andReturn().getResponse().getContentAsString())
                .select("#recovery-codes li").stream().map(Element::text).toList();

        MockHttpServletResponse wrong = mvc.perform(post("/two-step/setup/recovery-codes").with(csrf())
                .with(from("10.18.9.9")).session(session).param("code", wrongCode(key))).andReturn().getResponse();
        assertThat(wrong.getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(wrong.getContentAsString()).select("p.error").text()).isEqualTo("That code is not"
                + " right. Enter the 6-digit code your authenticator app shows for Stagedoor now.");

        MvcResult renewed = mvc.perform(post("/two-step/setup/recovery-codes").with(csrf()).with(from("10.18.9.9"))
                .session(session).param("code", Totp.code(key, Instant.now(), 1))).andReturn();
        List<String> fresh = Jsoup.parse(renewed.getResponse().getContentAsString()).select("#recovery-codes li")
                .stream().map(Element::text).toList();
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);
        MockHttpSession next = login("ann@northern.example", "10.18.9.2");
        assertThat(mvc.perform(post("/sign-in/recovery").with(csrf()).with(from("10.18.9.9")).session(next)
                .param("recoveryCode", old.get(0))).andReturn().getResponse().getStatus()).isEqualTo(400);

        // Half a minute later, as far as used codes go: a new code turns it off.
        jdbc.sql("update two_step_secret set last_time_step = null").update();
        assertThat(redirect(post("/two-step/setup/off").with(csrf()).with(from("10.18.9.9")).session(session)
                .param("code", Totp.code(key, Instant.now(), 0)))).isEqualTo("/two-step/setup?off");
        assertThat(jdbc.sql("select count(*) from two_step_secret").query(Integer.class).single()).isZero();
        assertThat(audit.recent(AuditLog.Kind.PASSWORD_SET, 5)).extracting(AuditLog.Entry::detail).containsExactly(
                "turned off two-step sign-in", "made new recovery codes for two-step sign-in",
                "turned on two-step sign-in with an authenticator app");
        assertThat(mvc.perform(get("/portal").session(login("ann@northern.example", "10.18.9.3"))).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void aCompanyThatRequiresItTakesItsUsersToSetItUpRightAfterTheirPassword() throws Exception {
        PartnerCompany other = fixtures.partner("Other Company", false);
        TestAccounts.partnerUser(accounts, other.id(), "bob@other.example");
        assertThat(redirect(post("/admin/partners/" + northern.id() + "/two-step").with(csrf())
                .with(TestAccounts.as(admin)).param("required", "true")))
                .isEqualTo("/admin/partners/" + northern.id() + "?twoStepSaved#two-step-required");
        assertThat(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 5)).extracting(AuditLog.Entry::detail)
                .containsExactly("required two-step sign-in of the users of Northern Lights Productions from their"
                        + " next sign-in");

        MockHttpSession ann = login("ann@northern.example", "10.18.5.1");
        assertThat(redirect(get("/").session(ann))).isEqualTo("/two-step/setup");
        assertThat(redirect(get("/portal/runs").session(ann))).isEqualTo("/two-step/setup");
        Document setup = page(get("/two-step/setup").session(ann));
        assertThat(setup.select("p.notice").text())
                .isEqualTo("The venue asks you to turn on two-step sign-in before you go on.");
        assertThat(setup.select("img.qr").attr("src")).startsWith("data:image/png;base64,");
        assertThat(setup.select("header nav")).as("nothing else opens yet: no menu").isEmpty();

        MockHttpSession bob = login("bob@other.example", "10.18.5.2");
        assertThat(mvc.perform(get("/portal").session(bob)).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void theVenueCanRequireItOfEveryoneWhoCanDownloadPersonalData() throws Exception {
        PartnerCompany optIns = fixtures.partner("Opt-in Company", false);
        saved.grantKinds(optIns.id(), List.of(ReportCatalogue.OPTIN_LIST), "admin@venue.example");
        TestAccounts.partnerUser(accounts, optIns.id(), "cy@optin.example");
        assertThat(redirect(post("/admin/venue/two-step").with(csrf()).with(TestAccounts.as(admin))
                .param("required", "true"))).isEqualTo("/admin/venue?twoStepSaved#two-step");
        assertThat(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 5)).extracting(AuditLog.Entry::detail)
                .contains("required two-step sign-in of everyone who can download customers' personal data, from"
                        + " their next sign-in");

        assertThat(redirect(get("/admin").session(login("admin@venue.example", "10.18.6.1"))))
                .isEqualTo("/two-step/setup");
        assertThat(redirect(get("/portal").session(login("cy@optin.example", "10.18.6.2"))))
                .isEqualTo("/two-step/setup");
        // Northern Lights is granted no report of customers: its users sign in as before.
        assertThat(mvc.perform(get("/portal").session(login("ann@northern.example", "10.18.6.3"))).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void anAdministratorsResetAfterALostPhoneIsAuditedAndEndsTheSessions() throws Exception {
        MockHttpSession ann = login("ann@northern.example", "10.18.7.1");
        enrol(ann);
        long annId = accounts.all().stream().filter(account -> account.email().equals("ann@northern.example"))
                .findFirst().orElseThrow().accountId();
        Document company = page(get("/admin/partners/" + northern.id()).with(TestAccounts.as(admin)));
        assertThat(company.select("form[action=/admin/accounts/" + annId + "/two-step/reset] button").text())
                .isEqualTo("Reset two-step sign-in (lost phone)");

        assertThat(redirect(post("/admin/accounts/" + annId + "/two-step/reset").with(csrf())
                .with(TestAccounts.as(admin)))).isEqualTo("/admin/partners/" + northern.id() + "?twoStepReset");

        assertThat(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 5)).extracting(AuditLog.Entry::detail)
                .containsExactly("reset the two-step sign-in of ann@northern.example (lost phone): their sessions"
                        + " ended, and they sign in with their password alone until they set it up again");
        assertThat(redirect(get("/portal").session(ann))).endsWith("/login");
        assertThat(jdbc.sql("select count(*) from two_step_secret").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from two_step_recovery_code").query(Integer.class).single()).isZero();
        MockHttpSession again = login("ann@northern.example", "10.18.7.2");
        assertThat(mvc.perform(get("/portal").session(again)).andReturn().getResponse().getStatus()).isEqualTo(200);

        // The console's JSON API resets alike.
        enrol(again);
        assertThat(mvc.perform(post("/api/admin/accounts/" + annId + "/two-step/reset").with(csrf())
                .with(TestAccounts.as(admin))).andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from two_step_secret").query(Integer.class).single()).isZero();
        assertThat(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 5)).hasSize(2);
    }

    @Test
    void apiTokensAreUnaffectedWhileAPasswordAloneCannotReachTheApi() throws Exception {
        enrol(login("ann@northern.example", "10.18.8.1"));
        jdbc.sql("update partner_company set two_step_required = true").update();
        ApiTokens.Issued issued = apiTokens.issue(northern.id(), "Box office sync", 30, "admin@venue.example");

        assertThat(mvc.perform(get("/api/portal/reports").header(HttpHeaders.AUTHORIZATION,
                "Bearer " + issued.token())).andReturn().getResponse().getStatus()).isEqualTo(200);

        MockHttpServletResponse basic = mvc.perform(get("/api/portal/reports").header(HttpHeaders.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString(("ann@northern.example:" + TestAccounts.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))).andReturn().getResponse();
        assertThat(basic.getStatus()).isEqualTo(401);
        assertThat(basic.getContentAsString()).contains("This account uses two-step sign-in, so a script cannot"
                + " sign in with its password alone. Call the partner API with an API token instead.");
    }

    /** Sets two-step sign-in up from the page, with the key shown under the QR code; returns that key. */
    private String enrol(MockHttpSession session) throws Exception {
        Document setup = page(get("/two-step/setup").session(session));
        String secret = setup.select("#secret").text();
        assertThat(secret.replace(" ", "")).matches("[A-Z2-7]{32}");
        MvcResult confirmed = mvc.perform(post("/two-step/setup").with(csrf()).session(session)
                .param("code", Totp.code(secret, Instant.now(), 0))).andReturn();
        assertThat(confirmed.getResponse().getStatus()).isEqualTo(200);
        assertThat(confirmed.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        assertThat(Jsoup.parse(confirmed.getResponse().getContentAsString()).select("#recovery-codes li"))
                .hasSize(10);
        assertThat(jdbc.sql("select secret_sealed from two_step_secret").query(String.class).single())
                .as("stored encrypted").doesNotContain(secret.replace(" ", ""));
        return secret;
    }

    private List<String> recoveryCodesOf(MockHttpSession session) throws Exception {
        String secret = page(get("/two-step/setup").session(session)).select("#secret").text();
        MvcResult confirmed = mvc.perform(post("/two-step/setup").with(csrf()).session(session)
                .param("code", Totp.code(secret, Instant.now(), 0))).andReturn();
        return Jsoup.parse(confirmed.getResponse().getContentAsString()).select("#recovery-codes li").stream()
                .map(Element::text).toList();
    }

    /** A code of the current step that is not the right one (nor one of the steps around it). */
    private static String wrongCode(String secret) {
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!code.equals(Totp.code(secret, Instant.now(), -1)) && !code.equals(Totp.code(secret, Instant.now(), 0))
                    && !code.equals(Totp.code(secret, Instant.now(), 1))) {
                return code;
            }
        }
    }

    private MockHttpSession login(String email, String address) throws Exception {
        MvcResult result = mvc.perform(loginRequest(email, address)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private static MockHttpServletRequestBuilder loginRequest(String email, String address) {
        return post("/login").with(csrf()).with(from(address)).param("username", email)
                .param("password", TestAccounts.PASSWORD);
    }

    /** A code given from a client address of its own, so that tests do not share an address's failures. */
    private static MockHttpServletRequestBuilder code(MockHttpSession session, String address, String code) {
        return post("/sign-in/code").with(csrf()).with(from(address)).session(session).param("code", code);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private String redirect(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getRedirectedUrl();
    }

    private Document page(RequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return Jsoup.parse(response.getContentAsString());
    }
}
