package org.stagedoor.bookingapi;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/**
 * Venue system tokens (issue 16): issued and revoked in the console, shown once; they reach the booking API and
 * nothing else, and no partner token or person reaches the booking API; every call is audited, one entry a call.
 */
class BookingApiTokenIntegrationTests extends BookingApiIntegrationTest {

    @Test
    void aVenueTokenReachesTheBookingApiAndNothingElse() throws Exception {
        getJson("/api/booking/relationship-types").andExpect(status().isOk());
        for (String elsewhere : List.of("/api/portal/reports", "/api/admin/partner-companies", "/api/admin/audit")) {
            getJson(elsewhere).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value("A venue system token reaches the booking API (/api/booking)"
                            + " only."));
        }
    }

    @Test
    void aPartnerTokenAndAPersonAreRefusedByTheBookingApi() throws Exception {
        PartnerCompany northern = fixtures.partner("Northern Lights", true);
        ApiTokens.Issued partnerToken = tokens.issue(northern.id(), "Box office sync", null, admin.email());
        mvc.perform(get("/api/booking/customers").param("q", "ada")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + partnerToken.token()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("An API token reaches the partner API (/api/portal) only."));
        // An administrator is no sales channel: the booking API takes a venue system token only.
        mvc.perform(get("/api/booking/customers").param("q", "ada")
                        .with(httpBasic(admin.email(), TestAccounts.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("This account may not use this part of the API."));
        mvc.perform(get("/api/booking/customers").param("q", "ada")).andExpect(status().isUnauthorized());
    }

    @Test
    void aRevokedVenueTokenIsRefusedAtOnce() throws Exception {
        getJson("/api/booking/relationship-types").andExpect(status().isOk());
        tokens.revokeVenue(venueToken.apiToken().id(), admin.email());
        getJson("/api/booking/relationship-types").andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("The API token is unknown, revoked or expired. Ask the venue"
                        + " for a new one."));
        assertThat(jdbc.sql("select actor || ' ' || detail from audit_event where kind = 'API_REFUSED'")
                .query(String.class).single())
                .isEqualTo("venue-system-token #" + venueToken.apiToken().id() + " (Online shop) GET"
                        + " /api/booking/relationship-types 401: token " + venueToken.apiToken().prefix()
                        + "… is revoked");
    }

    @Test
    void everyCallIsAuditedOnceWithTheTokenAndTheStatus() throws Exception {
        long token = venueToken.apiToken().id();
        getJson("/api/booking/relationship-types").andExpect(status().isOk());
        postJson("/api/booking/relationship-types", json("{'aLabel': 'Parent', 'bLabel': 'Child', 'aActsForB': true}"))
                .andExpect(status().isCreated());
        getJson("/api/booking/customers/{id}", 999_999).andExpect(status().isNotFound());
        getJson("/api/portal/reports").andExpect(status().isForbidden());

        String actor = "venue-system-token #" + token + " (Online shop)";
        List<String> entries = jdbc.sql("""
                select kind || ' ' || actor || ' ' || coalesce(cast(partner_company_id as text), '-') || ' ' || detail
                  from audit_event where api_token_id = :token and kind <> 'ADMIN_CHANGE' order by id
                """).param("token", token).query(String.class).list();
        assertThat(entries).containsExactly(
                "API_CALL " + actor + " - GET /api/booking/relationship-types 200",
                "API_CALL " + actor + " - POST /api/booking/relationship-types 201",
                "API_CALL " + actor + " - GET /api/booking/customers/999999 404",
                "API_CALL " + actor + " - GET /api/portal/reports 403");
        assertThat(jdbc.sql("select actor || ': ' || detail from audit_event where kind = 'ADMIN_CHANGE'"
                + " and api_token_id = :token").param("token", token).query(String.class).single())
                .startsWith(admin.email() + ": issued venue system token #" + token + " 'Online shop' (sdt_")
                .endsWith("…) for the booking API, valid for 90 days");
    }

    @Test
    void theConsoleIssuesAVenueTokenShowingItOnceAndRevokesIt() throws Exception {
        MvcResult issued = mvc.perform(post("/admin/venue/api-tokens").with(as(admin)).with(csrf())
                        .param("name", "Box office").param("validityDays", "30"))
                .andExpect(status().isOk()).andReturn();
        String page = issued.getResponse().getContentAsString();
        assertThat(issued.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        ApiTokens.Token boxOffice = tokens.venueTokens().get(0);
        assertThat(boxOffice.name()).isEqualTo("Box office");
        assertThat(boxOffice.partnerCompanyId()).isNull();
        String secret = page.substring(page.indexOf(boxOffice.prefix()), page.indexOf(boxOffice.prefix()) + 47);
        assertThat(secret).matches("sdt_[A-Za-z0-9_-]{43}");
        mvc.perform(get("/api/booking/relationship-types").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
                .andExpect(status().isOk());

        // Shown once: the page lists it by its first characters only.
        String later = mvc.perform(get("/admin/venue").with(as(admin))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(later).contains("Venue system tokens", "Box office", boxOffice.prefix() + "…")
                .doesNotContain(secret);

        mvc.perform(post("/admin/venue/api-tokens/{id}/revoke", boxOffice.id()).with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/booking/relationship-types").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
                .andExpect(status().isUnauthorized());
        assertThat(tokens.findVenue(boxOffice.id()).orElseThrow().state()).isEqualTo("revoked");
    }

    @Test
    void theConsoleRefusesATokenWithoutANameBesideItsField() throws Exception {
        String page = mvc.perform(post("/admin/venue/api-tokens").with(as(admin)).with(csrf())
                        .param("name", " ").param("validityDays", "abc"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("must be a whole number of days");
        assertThat(tokens.venueTokens()).hasSize(1);
    }

    @Test
    void anAdministratorIssuesAndRevokesVenueTokensThroughTheAdminApi() throws Exception {
        MvcResult created = mvc.perform(post("/api/admin/venue/api-tokens")
                        .with(httpBasic(admin.email(), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(json("{'name': 'Kiosk', 'validityDays': 7}")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.apiToken.name").value("Kiosk"))
                .andExpect(jsonPath("$.apiToken.partnerCompanyId").doesNotExist())
                .andReturn();
        String secret = JsonPath.read(created.getResponse().getContentAsString(), "$.token");
        long id = ((Number) JsonPath.read(created.getResponse().getContentAsString(),
                "$.apiToken.id")).longValue();
        mvc.perform(get("/api/booking/relationship-types").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
                .andExpect(status().isOk());
        // A venue token is none of a partner company's: not found among them, nor revoked through them.
        PartnerCompany northern = fixtures.partner("Northern Lights", true);
        assertThat(tokens.ofPartnerCompany(northern.id())).isEmpty();
        mvc.perform(post("/api/admin/venue/api-tokens/{id}/revoke", id)
                        .with(httpBasic(admin.email(), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("revoked"));
        mvc.perform(get("/api/booking/relationship-types").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theBookingApiIsDescribedInAGroupOfItsOwnForAdministrators() throws Exception {
        String booking = mvc.perform(get("/v3/api-docs/booking").with(as(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Map<String, Object> paths = JsonPath.read(booking, "$.paths");
        assertThat(paths.keySet()).contains("/api/booking/orders",
                "/api/booking/customers/{facilitatorId}/someone-else",
                "/api/booking/checkout/questions", "/api/booking/customers/{id}/preferences/{partnerCompanyId}",
                "/api/booking/relationship-types/{id}", "/api/booking/tickets/{id}/return",
                "/api/booking/customers/{id}/preferences/questions", "/api/booking/customers/{id}/preferences/answers",
                "/api/booking/relationships/{id}")
                .allMatch(path -> path.startsWith("/api/booking/"));
        assertThat(JsonPath.<String>read(booking, "$.paths['/api/booking/orders'].post.summary"))
                .isEqualTo("Place an order, plain or facilitated (F-2, F-3, F-7, P-4)");
        assertThat(JsonPath.<String>read(booking, "$.paths['/api/booking/relationships/{id}'].delete.summary"))
                .isEqualTo("Delete a relationship (F-1)");
        String whole = mvc.perform(get("/v3/api-docs").with(as(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(whole).contains("/api/booking/orders", "/api/admin/venue/api-tokens");

        PartnerCompany northern = fixtures.partner("Northern Lights", true);
        StagedoorUser partner = TestAccounts.partnerUser(accounts, northern.id(), "ann@northern.example");
        mvc.perform(get("/v3/api-docs/booking").with(as(partner))).andExpect(status().isForbidden());
        assertThat(mvc.perform(get("/v3/api-docs").with(as(partner))).andReturn().getResponse().getContentAsString())
                .doesNotContain("/api/booking");
    }
}
