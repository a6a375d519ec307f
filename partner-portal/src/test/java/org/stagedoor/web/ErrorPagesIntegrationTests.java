package org.stagedoor.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.WebServerIntegrationTest.FailingPage;
import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Covers issue 15 item 5: the error pages a person meets say in words what happened and what to do, in the site's
 * layout, and name nothing of the server's internals; the API keeps answering problem details; and a script calling
 * the API with HTTP Basic is audited once per call as an API call, not as a login each time. The pages come from the
 * container's error dispatch, which MockMvc does not make: they are asked of the running server.
 */
class ErrorPagesIntegrationTests extends WebServerIntegrationTest {

    private static final String PARTNER = "ann@northern.example";

    private static final String ADMIN = "admin@venue.example";

    @Autowired
    private WebApplicationContext context;

    @Autowired
    private Accounts accounts;

    @Autowired
    private BookingFixtures fixtures;

    @Autowired
    private AuditLog audit;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private MockMvc mvc;

    private PartnerCompany northern;

    private StagedoorUser partner;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        northern = fixtures.partner("Northern Lights Productions", false);
        partner = TestAccounts.partnerUser(accounts, northern.id(), PARTNER);
        TestAccounts.admin(accounts, ADMIN);
    }

    @Test
    void aPartnerUserOpeningTheConsoleIsToldItIsForTheVenueAndSentToTheirReports() throws Exception {
        HttpResponse<String> page = page(signIn(PARTNER), "/admin");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
                type -> assertThat(type).startsWith(MediaType.TEXT_HTML_VALUE));
        assertThat(page.body()).contains("<title>Not for this account · Stagedoor</title>",
                "This page is for the venue's staff. Your reports are here: <a href=\"/portal\">Reports</a>.",
                "Log out").doesNotContain("Whitelabel", "Exception", "/admin");
    }

    @Test
    void anAdministratorOpeningThePortalIsSentToTheConsole() throws Exception {
        HttpResponse<String> page = page(signIn(ADMIN), "/portal");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("This page is for partner companies' staff. The venue's console is"
                + " here:\n                <a href=\"/admin\">Console</a>.").doesNotContain("Whitelabel", "Exception");
    }

    /** A form sent without its token (opened before the session ended, or forged) is refused, saying what to do. */
    @Test
    void aFormSentWithoutItsTokenIsAskedToBeReloaded() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/portal/subscriptions"))
                .header(HttpHeaders.COOKIE, signIn(PARTNER))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
                .POST(HttpRequest.BodyPublishers.ofString("report=partner-event-sales")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("<h1>Please reload the page</h1>", "nothing\n            was changed")
                .doesNotContain("Whitelabel", "Exception", "CSRF", "token");
    }

    @Test
    void anAddressThatLeadsNowhereAnswersTheNotFoundPage() throws Exception {
        HttpResponse<String> page = page(signIn(PARTNER), "/no-such-page");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<title>Not found · Stagedoor</title>", "There is nothing here.")
                .doesNotContain("Whitelabel", "Exception", "no-such-page");
    }

    @Test
    void aFailureAnswersThePageThatSaysItWasLoggedAndNamesNothingOfIt() throws Exception {
        HttpResponse<String> page = page(signIn(PARTNER), FailingPage.PATH);

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body()).contains("<title>Something went wrong · Stagedoor</title>",
                "Something went wrong on our side; it has been logged.")
                .doesNotContain("Whitelabel", "Exception", FailingPage.SECRET, FailingPage.PATH, "at org.");
    }

    @Test
    void theApiStillAnswersProblemDetailsWhenAnAccountMayNotUseIt() throws Exception {
        MockHttpServletResponse withSession = mvc.perform(get("/api/admin/partner-companies")
                .with(TestAccounts.as(partner)).accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON))
                .andReturn().getResponse();
        MockHttpServletResponse withBasic = mvc.perform(get("/api/admin/partner-companies")
                .header(HttpHeaders.AUTHORIZATION, basic(PARTNER))).andReturn().getResponse();

        for (MockHttpServletResponse answer : List.of(withSession, withBasic)) {
            assertThat(answer.getStatus()).isEqualTo(403);
            assertThat(answer.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(answer.getContentAsString()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\","
                    + "\"status\":403,\"detail\":\"This account may not use this part of the API.\"}");
        }
    }

    /** Asked of the server, since Spring Boot's own answer would come from the error dispatch. */
    @Test
    void anApiAddressThatLeadsNowhereAnswersAProblemDetailThatRepeatsNothing() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/portal/no-such-thing"))
                .header(HttpHeaders.AUTHORIZATION, basic(PARTNER)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
                type -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        assertThat(answer.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"There is nothing at this address.\"}");
    }

    @Test
    void tenCallsWithHttpBasicAreAuditedAsTenApiCallsAndNoLogin() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 10; i++) {
            assertThat(mvc.perform(get("/api/portal/reports").header(HttpHeaders.AUTHORIZATION, basic(PARTNER)))
                    .andReturn().getResponse().getStatus()).isEqualTo(200);
        }
        assertThat(mvc.perform(get("/api/admin/partner-companies").header(HttpHeaders.AUTHORIZATION, basic(PARTNER)))
                .andReturn().getResponse().getStatus()).isEqualTo(403);

        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("API_CALL " + PARTNER + " " + northern.id() + " GET /api/portal/reports 200 null");
        }
        expected.add("API_CALL " + PARTNER + " " + northern.id() + " GET /api/admin/partner-companies 403 null");
        assertThat(audit.since(start).stream().map(entry -> entry.kind() + " " + entry.actor() + " "
                + entry.partnerCompanyId() + " " + entry.detail() + " " + entry.apiTokenId()).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aWrongPasswordWithHttpBasicStillCountsAsAFailedSignIn() throws Exception {
        Instant start = Instant.now().minusSeconds(1);

        assertThat(mvc.perform(get("/api/portal/reports").header(HttpHeaders.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString((PARTNER + ":wrong").getBytes(StandardCharsets.UTF_8))))
                .andReturn().getResponse().getStatus()).isEqualTo(401);

        assertThat(audit.since(start).stream().map(entry -> entry.kind() + " " + entry.actor()).toList())
                .containsExactly("LOGIN_FAILED " + PARTNER);
        assertThat(jdbc.sql("select failures from sign_in_pause where email_key = :key").param("key", PARTNER)
                .query(Integer.class).single()).isEqualTo(1);
    }

    /** Signs in with the login form on the running server; the session cookie to send. */
    private String signIn(String email) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).as("the login form's token").isTrue();
        String body = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(TestAccounts.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login"))
                .header(HttpHeaders.COOKIE, session(form))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(
                location -> assertThat(location).endsWith("/"));
        return session(login);
    }

    private HttpResponse<String> page(String session, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header(HttpHeaders.COOKIE, session)
                .header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie an answer sets (the cookie is marked Secure, which a client on plain HTTP would not send). */
    private static String session(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String email) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + TestAccounts.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
