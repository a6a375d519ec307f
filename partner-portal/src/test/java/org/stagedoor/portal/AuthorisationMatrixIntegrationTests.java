package org.stagedoor.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The authorisation matrix: every kind of endpoint, pages and API, × {anonymous, a user of
 * partner A, a user of partner B, an administrator, an API token of A, one of B} × {A's object, B's object},
 * with the status expected each time. Another company's object answers 404 and shows none of its data, exactly
 * like a missing one; a state-changing request without a CSRF token is refused. A token answers on the partner
 * API exactly as its company's users do, is refused the rest of the API and counts for nothing on pages.
 */
class AuthorisationMatrixIntegrationTests extends PortalIntegrationTest {

    private enum Who {
        ANONYMOUS, USER_A, USER_B, ADMIN, TOKEN_A, TOKEN_B
    }

    /** One endpoint and the status each caller gets; {@code %A} / {@code %B} stand for A's and B's run ids. */
    private record Row(HttpMethod method, String path, int anonymous, int userA, int userB, int admin) {

        int expected(Who who) {
            return switch (who) {
                case ANONYMOUS -> anonymous;
                case USER_A -> userA;
                case USER_B -> userB;
                case ADMIN -> admin;
                case TOKEN_A -> byToken(userA);
                case TOKEN_B -> byToken(userB);
            };
        }

        /** A token is its company's user on the partner API; elsewhere in the API refused, on pages unknown. */
        private int byToken(int user) {
            return path.startsWith("/api/portal/") ? user : path.startsWith("/api/") ? 403 : anonymous;
        }
    }

    private static final int LOGIN = 302;

    @Autowired
    ApiTokens apiTokens;

    private String tokenA;

    private String tokenB;

    @Test
    void everyEndpointAnswersEachCallerAsExpectedAndForeignObjectsLookMissing() throws Exception {
        ReportRun runA = launcher.run(new RunRequest("partner-event-sales", northern.id(), Map.of("period", PERIOD),
                OutputFormat.CSV, "ann@northern.example"));
        ReportRun runB = launcher.run(new RunRequest("partner-event-sales", southern.id(), Map.of("period", PERIOD),
                OutputFormat.CSV, "bob@southern.example"));
        long customer = jdbc.sql("select min(id) from customer").query(Long.class).single();
        List<Row> rows = List.of(
                // The portal: partner users only; objects of the caller's own company only.
                new Row(HttpMethod.GET, "/portal", LOGIN, 200, 200, 403),
                new Row(HttpMethod.GET, "/portal/runs", LOGIN, 200, 200, 403),
                new Row(HttpMethod.GET, "/portal/runs/%A", LOGIN, 200, 404, 403),
                new Row(HttpMethod.GET, "/portal/runs/%B", LOGIN, 404, 200, 403),
                new Row(HttpMethod.GET, "/portal/reports/partner-optin-list", LOGIN, 200, 404, 403),
                new Row(HttpMethod.GET, "/portal/reports/partner-event-sales", LOGIN, 200, 200, 403),
                new Row(HttpMethod.GET, "/portal/reports/facilitated-sales", LOGIN, 404, 404, 403),
                new Row(HttpMethod.GET, "/portal/runs/999999", LOGIN, 404, 404, 403),
                // Files: the owner's users and administrators.
                new Row(HttpMethod.GET, "/runs/%A/file", LOGIN, 200, 404, 200),
                new Row(HttpMethod.GET, "/runs/%B/file", LOGIN, 404, 200, 200),
                // The API: 401 rather than a login page.
                new Row(HttpMethod.GET, "/api/portal/reports", 401, 200, 200, 403),
                new Row(HttpMethod.GET, "/api/portal/runs", 401, 200, 200, 403),
                new Row(HttpMethod.GET, "/api/portal/runs/%A", 401, 200, 404, 403),
                new Row(HttpMethod.GET, "/api/portal/runs/%B", 401, 404, 200, 403),
                new Row(HttpMethod.GET, "/api/portal/runs/%A/file", 401, 200, 404, 403),
                new Row(HttpMethod.GET, "/api/portal/runs/%B/file", 401, 404, 200, 403),
                new Row(HttpMethod.GET, "/api/portal/runs/%A/withdrawn", 401, 200, 404, 403),
                new Row(HttpMethod.GET, "/api/portal/runs/%B/withdrawn", 401, 404, 200, 403),
                new Row(HttpMethod.GET, "/api/portal/sales-chart", 401, 200, 200, 403),
                // The console: administrators only.
                new Row(HttpMethod.GET, "/admin", LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/runs", LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/partners/" + northern.id(), LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/schedules", LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/deliveries", LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/audit", LOGIN, 403, 403, 200),
                // The console's API.
                new Row(HttpMethod.GET, "/api/admin/partner-companies", 401, 403, 403, 200),
                new Row(HttpMethod.GET, "/api/admin/partner-companies/" + northern.id() + "/grants", 401, 403, 403,
                        200),
                new Row(HttpMethod.GET, "/api/admin/schedules", 401, 403, 403, 200),
                new Row(HttpMethod.GET, "/api/admin/runs", 401, 403, 403, 200),
                new Row(HttpMethod.GET, "/api/admin/deliveries", 401, 403, 403, 200),
                new Row(HttpMethod.GET, "/api/admin/audit", 401, 403, 403, 200),
                new Row(HttpMethod.GET, "/api/admin/partner-companies/" + northern.id() + "/api-tokens", 401, 403, 403,
                        200),
                // Accountable sharing (R-6, P-8): the venue's record of what it shared, administrators only. Run A
                // carried no personal data, so it has no manifest.
                new Row(HttpMethod.GET, "/admin/customers/sharing", LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/customers/" + customer + "/sharing", LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/runs/%A", LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/runs/%A/manifest.json", LOGIN, 403, 403, 404),
                new Row(HttpMethod.GET, "/api/admin/customers/" + customer + "/sharing", 401, 403, 403, 200),
                new Row(HttpMethod.GET, "/api/admin/customers/999999/sharing", 401, 403, 403, 404),
                new Row(HttpMethod.GET, "/api/admin/runs/%A/manifest", 401, 403, 403, 404),
                new Row(HttpMethod.GET, "/api/admin/partner-companies/" + northern.id() + "/manifests", 401, 403, 403,
                        200),
                new Row(HttpMethod.GET, "/api/admin/partner-companies/" + northern.id() + "/shared-columns", 401,
                        403, 403, 200),
                // The list builder (issue 14): only for companies that may run customer lists, which neither may here.
                new Row(HttpMethod.GET, "/portal/lists/try", LOGIN, 404, 404, 403),
                new Row(HttpMethod.GET, "/api/portal/customer-lists/choices", 401, 404, 404, 403),
                new Row(HttpMethod.GET, "/admin/lists/try", LOGIN, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/lists/try?partnerCompany=999999", LOGIN, 403, 403, 404),
                new Row(HttpMethod.GET, "/api/admin/customer-lists/choices?partnerCompany=" + northern.id(), 401, 403,
                        403, 200),
                // Changes, with a CSRF token: cancelling a finished run is a no-op for its owner (back to the run
                // page).
                new Row(HttpMethod.POST, "/portal/runs/%A/cancel", LOGIN, 302, 404, 403),
                new Row(HttpMethod.POST, "/portal/runs/%B/cancel", LOGIN, 404, 302, 403),
                new Row(HttpMethod.POST, "/api/portal/runs/%A/cancel", 401, 200, 404, 403),
                // "Run again" and "Run again with changes" (issue 15 item 4): a run of one's own company only.
                new Row(HttpMethod.GET, "/portal/runs/%A/again", LOGIN, 200, 404, 403),
                new Row(HttpMethod.POST, "/portal/runs/%A/again", LOGIN, 302, 404, 403),
                new Row(HttpMethod.POST, "/portal/runs/%B/again", LOGIN, 404, 302, 403),
                new Row(HttpMethod.POST, "/api/portal/runs/%A/again", 401, 202, 404, 403),
                // "Get the full list now" (issue 18): as "Run again", a run of one's own company only.
                new Row(HttpMethod.POST, "/portal/runs/%A/full-list", LOGIN, 302, 404, 403),
                new Row(HttpMethod.POST, "/portal/runs/%B/full-list", LOGIN, 404, 302, 403),
                new Row(HttpMethod.POST, "/api/admin/partner-companies/" + northern.id() + "/api-tokens/999999/revoke",
                        401, 403, 403, 404),
                new Row(HttpMethod.POST, "/admin/partners/" + northern.id() + "/api-tokens/999999/revoke", LOGIN, 403,
                        403, 404));
        tokenA = apiTokens.issue(northern.id(), "A's system", null, "tests").token();
        tokenB = apiTokens.issue(southern.id(), "B's system", null, "tests").token();

        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            for (Who who : Who.values()) {
                String path = row.path().replace("%A", Long.toString(runA.id()))
                        .replace("%B", Long.toString(runB.id()));
                MvcResult result = mvc.perform(as(who, request(row.method(), path).with(csrf()))).andReturn();
                int status = result.getResponse().getStatus();
                if (status != row.expected(who)) {
                    wrong.add(row.method() + " " + path + " as " + who + ": " + status + ", expected "
                            + row.expected(who));
                }
                if (status == 404) {
                    // Nothing of the other company's object leaks into the answer.
                    String body = result.getResponse().getContentAsString();
                    assertThat(body).as(path + " as " + who).doesNotContain(runA.fileName(), runB.fileName(),
                            "Hamlet", "Macbeth", "Northern Lights", "Southern Cross");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void stateChangingRequestsWithoutACsrfTokenAreRefused() throws Exception {
        ReportRun runA = launcher.run(new RunRequest("partner-event-sales", northern.id(), Map.of("period", PERIOD),
                OutputFormat.CSV, "ann@northern.example"));
        List<String> paths = List.of("/portal/reports/partner-event-sales/runs",
                "/portal/runs/" + runA.id() + "/cancel",
                "/portal/runs/" + runA.id() + "/again", "/api/portal/runs", "/api/portal/runs/" + runA.id() + "/again",
                "/logout");
        for (String path : paths) {
            int status = mvc.perform(MockMvcRequestBuilders.post(path).param("period", PERIOD).param("format", "CSV")
                    .with(TestAccounts.as(userA))).andReturn().getResponse().getStatus();
            assertThat(status).as("POST " + path + " without a CSRF token").isEqualTo(403);
        }
        for (String path : List.of("/admin/partners", "/admin/runs/" + runA.id() + "/restart")) {
            int status = mvc.perform(MockMvcRequestBuilders.post(path).param("name", "Forged")
                    .with(TestAccounts.as(admin))).andReturn().getResponse().getStatus();
            assertThat(status).as("POST " + path + " without a CSRF token").isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from partner_company where name = 'Forged'").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isEqualTo(1);
    }

    private MockHttpServletRequestBuilder as(Who who, MockHttpServletRequestBuilder request) {
        if (who == Who.TOKEN_A || who == Who.TOKEN_B) {
            return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + (who == Who.TOKEN_A ? tokenA : tokenB));
        }
        StagedoorUser user = switch (who) {
            case USER_A -> userA;
            case USER_B -> userB;
            case ADMIN -> admin;
            default -> null;
        };
        return user == null ? request : request.with(TestAccounts.as(user));
    }

    /** As a browser asks for a page, or a script for JSON. */
    private static MockHttpServletRequestBuilder request(HttpMethod method, String path) {
        return MockMvcRequestBuilders.request(method, path)
                .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html,application/xhtml+xml");
    }
}
