package org.stagedoor.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Covers issue 13 item 10: every answer — pages of the portal and the console, the login and error pages, static
 * files, the API with a session or a token, Swagger UI — carries a Content-Security-Policy without
 * {@code 'unsafe-inline'}, a Referrer-Policy and a Permissions-Policy, and still {@code X-Frame-Options: DENY} and
 * {@code X-Content-Type-Options: nosniff}; and no page holds an inline script, style or event handler, which that
 * policy would block.
 */
class SecurityHeadersIntegrationTests extends PortalIntegrationTest {

    /** A script element without a src, a style element or attribute, an on... handler or a javascript: link. */
    private static final Pattern INLINE = Pattern.compile(
            "<script(?![^>]*\\ssrc=)[^>]*>|<style[\\s>]|\\sstyle=|\\son[a-z]+=|javascript:", Pattern.CASE_INSENSITIVE);

    @Autowired
    ApiTokens tokens;

    @Test
    @DisplayName("covers issue 13 item 10: every kind of answer carries the security headers, and no page is inline")
    void everyKindOfAnswerCarriesTheSecurityHeadersAndNoPageHoldsInlineScriptOrStyle() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());
        EventInstance performance = fixtures.performance("Othello", 50, northern);
        Customer customer = fixtures.person("Ada", "Byron");
        String token = tokens.issue(northern.id(), "Box office sync", null, admin.email()).token();

        // The last one answers the "nothing here" error page.
        List<MockHttpServletRequestBuilder> pages = new ArrayList<>(List.of(get("/login"), get("/password-reset"),
                get("/portal/runs/{id}", run.id() + 1000).with(TestAccounts.as(userA))));
        for (String page : List.of("/portal", "/portal/runs", "/portal/runs/" + run.id(),
                "/portal/reports/partner-event-sales", "/portal/subscriptions")) {
            pages.add(get(page).with(TestAccounts.as(userA)));
        }
        for (String page : List.of("/admin", "/admin/partners", "/admin/partners/new",
                "/admin/partners/" + northern.id(),
                "/admin/events", "/admin/events/" + performance.eventId(), "/admin/venue", "/admin/accounts",
                "/admin/schedules", "/admin/schedules/new", "/admin/runs", "/admin/runs/" + run.id(),
                "/admin/deliveries", "/admin/audit", "/admin/mailbox", "/admin/customers",
                "/admin/customers/" + customer.id(), "/admin/customers/" + customer.id() + "/sharing")) {
            pages.add(get(page).with(TestAccounts.as(admin)));
        }
        for (MockHttpServletRequestBuilder page : pages) {
            MockHttpServletResponse answer = mvc.perform(page.accept(MediaType.TEXT_HTML)).andReturn().getResponse();
            String html = answer.getContentAsString();
            assertThat(html).as(answer.getStatus() + " " + html).contains("</html>");
            assertThat(INLINE.matcher(html).results().map(found -> found.group()).toList()).as(html).isEmpty();
            assertSecurityHeaders(answer);
        }

        List<MockHttpServletRequestBuilder> others = List.of(
                get("/assets/js/run-progress.js"), get("/assets/css/stagedoor.css"),
                get("/api/portal/reports").with(TestAccounts.as(userA)),
                get("/api/portal/reports"),
                get("/api/portal/reports").header(HttpHeaders.AUTHORIZATION, "Bearer " + token),
                get("/api/admin/audit").header(HttpHeaders.AUTHORIZATION, "Bearer " + token),
                get("/api/portal/reports").header(HttpHeaders.AUTHORIZATION, "Bearer sdt_unknown"),
                get("/v3/api-docs").with(TestAccounts.as(userA)),
                get("/swagger-ui/index.html").with(TestAccounts.as(userA)));
        for (MockHttpServletRequestBuilder other : others) {
            assertSecurityHeaders(mvc.perform(other).andReturn().getResponse());
        }
    }

    private static void assertSecurityHeaders(MockHttpServletResponse answer) {
        assertThat(answer.getHeader("Content-Security-Policy")).isNotNull()
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                        "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(answer.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(answer.getHeader("Permissions-Policy")).contains("camera=()", "microphone=()", "geolocation=()",
                "payment=()");
        assertThat(answer.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
