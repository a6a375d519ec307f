package org.stagedoor.admin;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** The administrators' JSON API: the console's operations as JSON, audited alike, for administrators only. */
class AdminApiIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    SavedReports grants;

    @Autowired
    Schedules schedules;

    @Test
    void anAdministratorCreatesAPartnerCompanyInvitesAUserAndGrantsReports() throws Exception {
        String location = mvc.perform(post("/api/admin/partner-companies").with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "Northern Lights", "collectsPreferences": true, "webDescription": "''Bold''"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Northern Lights"))
                .andExpect(jsonPath("$.collectsPreferences").value(true))
                .andReturn().getResponse().getHeader("Location");
        PartnerCompany company = companies.all().stream().filter(c -> c.name().equals("Northern Lights"))
                .findFirst().orElseThrow();
        assertThat(location).isEqualTo("/api/admin/partner-companies/" + company.id());
        assertThat(company.collectsPreferences()).isTrue();
        assertThat(company.webDescription()).isEqualTo("''Bold''");
        mvc.perform(get("/api/admin/partner-companies").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(company.id()))
                .andExpect(jsonPath("$[0].name").value("Northern Lights"));

        // A taken or blank name is refused on the name, and nothing changes.
        mvc.perform(post("/api/admin/partner-companies").with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        assertThat(companies.all()).hasSize(1);

        mvc.perform(put("/api/admin/partner-companies/{id}", company.id()).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Northern Lights Ltd\", \"collectsPreferences\": false,"
                                + " \"webDescription\": \"''Bold''\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Northern Lights Ltd"));
        assertThat(companies.get(company.id()).collectsPreferences()).isFalse();

        mvc.perform(post("/api/admin/partner-companies/{id}/users", company.id()).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\": \"Ann Smith\", \"email\": \"ann@northern.example\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value("ann@northern.example"))
                .andExpect(jsonPath("$.pending").value(true));
        StagedoorUser ann = accounts.ofPartnerCompany(company.id()).stream()
                .filter(account -> account.email().equals("ann@northern.example")).findFirst().orElseThrow();
        mvc.perform(get("/api/admin/partner-companies/{id}/users", company.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].displayName").value("Ann Smith"));
        mvc.perform(post("/api/admin/partner-companies/{id}/users", company.id()).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\": \"Ann Again\", \"email\": \"ann@northern.example\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));

        mvc.perform(post("/api/admin/accounts/{id}/disable", ann.accountId()).with(as(admin)).with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(enabled(ann.accountId())).isFalse();
        mvc.perform(post("/api/admin/accounts/{id}/enable", ann.accountId()).with(as(admin)).with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(enabled(ann.accountId())).isTrue();
        mvc.perform(post("/api/admin/accounts/{id}/disable", admin.accountId()).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("account"));

        grants.grantKinds(company.id(), List.of("partner-event-sales", "partner-optin-list"), "tests");
        long sales = grants.standard("partner-event-sales").orElseThrow().id();
        long optIn = grants.standard("partner-optin-list").orElseThrow().id();
        jdbc.sql("delete from saved_report_grant").update();
        mvc.perform(put("/api/admin/partner-companies/{id}/grants", company.id()).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"savedReports\": [" + sales + ", " + optIn + "]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.savedReports", hasSize(2)))
                .andExpect(jsonPath("$.buildsOwnLists").value(false));
        assertThat(grants.grantsOf(company.id())).containsExactlyInAnyOrder(sales, optIn);
        mvc.perform(get("/api/admin/partner-companies/{id}/grants", company.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.savedReports[*].name", hasItem("Event sales")));
        mvc.perform(put("/api/admin/partner-companies/{id}/grants", company.id()).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"savedReports\": [999999]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("savedReports"));
        assertThat(grants.grantsOf(company.id())).hasSize(2);

        assertThat(adminChanges()).containsExactly(
                "created partner company " + company.id() + " 'Northern Lights', collecting contact preferences",
                "changed partner company " + company.id() + ": name 'Northern Lights' -> 'Northern Lights Ltd';"
                        + " no longer collects contact preferences",
                "invited ann@northern.example to partner company " + company.id(),
                "disabled ann@northern.example",
                "enabled ann@northern.example",
                "granted partner company " + company.id() + " 'Northern Lights Ltd' the reports: \"Event sales\","
                        + " \"Opted-in customers\"; its users may not build their own customer lists");
        mvc.perform(get("/api/admin/audit").param("kind", "ADMIN_CHANGE").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(6)))
                .andExpect(jsonPath("$[0].actor").value(ADMIN))
                .andExpect(jsonPath("$[0].detail", containsString("granted partner company")));
    }

    @Test
    void aFailedRunIsRestartedByQueueingItOnTheSchedulerClusterAndAuditedOnce() throws Exception {
        long runId = jdbc.sql("""
                insert into report_run (report_id, requested_by, parameters_given, parameters_resolved, format, status,
                                        cutoff_at, error_message)
                values ('facilitated-sales', 'tests', '{}', '{}', 'CSV', 'FAILED', now(), 'The disk is full')
                returning id
                """).query(Long.class).single();
        // Held on the cluster's queue, so that no node of this JVM's tests takes it while it is looked at.
        scheduler.pauseTriggers(GroupMatcher.triggerGroupEquals("runs"));
        try {
            mvc.perform(post("/api/admin/runs/{id}/restart", runId).with(as(admin)).with(csrf()))
                    .andExpect(status().isAccepted());

            assertThat(jdbc.sql("select status from report_run where id = :id").param("id", runId)
                    .query(String.class).single()).isEqualTo("QUEUED");
            assertThat(scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals("runs"))).singleElement()
                    .satisfies(trigger -> assertThat(scheduler.getTrigger(trigger).getJobDataMap().getLong("runId"))
                            .isEqualTo(runId));
            mvc.perform(post("/api/admin/runs/{id}/restart", runId).with(as(admin)).with(csrf()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].message", containsString("run " + runId
                            + " is waiting to start; only a failed or stopped run can be restarted")));
        }
        finally {
            scheduler.resumeTriggers(GroupMatcher.triggerGroupEquals("runs"));
        }
        assertThat(adminChanges())
                .containsExactly("restarted run " + runId + " of \"Facilitated sales (venue only)\" (was failed)");
    }

    @Test
    void unknownIdsAnswer404() throws Exception {
        mvc.perform(get("/api/admin/partner-companies/999999/users").with(as(admin)))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/admin/partner-companies/999999").with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Nobody\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/admin/accounts/999999/disable").with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/admin/schedules/999999/pause").with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/admin/schedules/999999").with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/admin/runs/999999/restart").with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/admin/deliveries/999999/retry").with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(adminChanges()).isEmpty();
    }

    @Test
    void aScheduleIsCreatedListedWithItsNextFirePausedResumedAndDeletedOverHttpBasic() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        long sales = grants.create(null, new SavedReportDraft("Sales of the week", "", "partner-event-sales",
                Map.of("period", "previous-week"), List.of("period", "format"), OutputFormat.XLSX), "tests").id();
        String body = """
                {"name": "Weekly sales", "savedReport": %3$d, "parameters": {"period": "previous-week"},
                 "format": "XLSX", "whenMode": "CRON", "cron": "%1$s", "timeZone": "Europe/Paris",
                 "misfirePolicy": "SKIP", "fanOut": "ONE_PARTNER", "partnerCompanyId": %2$d,
                 "recipients": ["marketing@venue.example"], "sendToPartnerUsers": true}
                """;

        // An invalid cron: 400 naming the cron field, nothing saved.
        mvc.perform(post("/api/admin/schedules").with(httpBasic(ADMIN, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted("61 0 7 * * MON", company.id(), sales)))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[0].field").value("cron"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("That is not a valid schedule: the second must be 0–59"));
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isZero();
        assertThat(scheduler.getJobKeys(GroupMatcher.anyJobGroup()))
                .allMatch(job -> job.getGroup().equals("housekeeping"));

        // No CSRF token needed with HTTP Basic.
        mvc.perform(post("/api/admin/schedules").with(httpBasic(ADMIN, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted("0 0 7 * * MON", company.id(), sales)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.schedule.name").value("Weekly sales"))
                .andExpect(jsonPath("$.nextFire", notNullValue()));
        Schedule schedule = schedules.list().get(0).schedule();
        assertThat(schedule.cronExpression()).isEqualTo("0 0 7 * * MON");
        assertThat(schedule.savedReportId()).isEqualTo(sales);
        assertThat(schedule.parameters()).isEqualTo(Map.of("period", "previous-week"));
        assertThat(schedule.format()).isEqualTo(OutputFormat.XLSX);
        assertThat(schedule.partnerCompanyId()).isEqualTo(company.id());
        assertThat(schedule.recipients()).containsExactly("marketing@venue.example");
        // nextFire in the schedule's own zone, with that zone's offset then; beside the cron, the same in words.
        ZonedDateTime next = schedules.nextFire(schedule);
        assertThat(next.getHour()).isEqualTo(7);
        String offset = ZoneId.of("Europe/Paris").getRules().getOffset(next.toInstant()).getId();
        mvc.perform(get("/api/admin/schedules").with(httpBasic(ADMIN, TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].schedule.id").value(schedule.id()))
                .andExpect(jsonPath("$[0].schedule.cronExpression").value("0 0 7 * * MON"))
                .andExpect(jsonPath("$[0].nextFire").value(next.toLocalDate() + "T07:00:00" + offset))
                .andExpect(jsonPath("$[0].when").value("Every Monday at 07:00 (Paris time)"))
                .andExpect(jsonPath("$[0].nextSend").value(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy",
                        Locale.UK).format(next) + " at 07:00 (Paris time)"));

        // A preset, as on the form.
        mvc.perform(post("/api/admin/schedules").with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "Daily sales", "savedReport": %d,
                                 "parameters": {"period": "previous-week"}, "format": "CSV",
                                 "whenMode": "DAILY", "at": "06:30", "timeZone": "Europe/London",
                                 "fanOut": "ONE_PARTNER", "partnerCompanyId": %d,
                                 "recipients": ["boss@venue.example"]}
                                """.formatted(sales, company.id())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.schedule.cronExpression", startsWith("0 30 6 ")))
                .andExpect(jsonPath("$.nextFire", containsString("06:30")))
                .andExpect(jsonPath("$.when").value("Every day at 06:30 (London time)"));

        mvc.perform(post("/api/admin/schedules/{id}/pause", schedule.id())
                        .with(httpBasic(ADMIN, TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.schedule.enabled").value(false))
                .andExpect(jsonPath("$.nextFire", nullValue()));
        assertThat(schedules.find(schedule.id()).orElseThrow().enabled()).isFalse();
        mvc.perform(post("/api/admin/schedules/{id}/resume", schedule.id()).with(as(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.schedule.enabled").value(true))
                .andExpect(jsonPath("$.nextFire", notNullValue()));
        mvc.perform(post("/api/admin/schedules/{id}/run-now", schedule.id()).with(as(admin)).with(csrf()))
                .andExpect(status().isAccepted());
        mvc.perform(delete("/api/admin/schedules/{id}", schedule.id()).with(as(admin)).with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(schedules.list()).extracting(view -> view.schedule().id()).doesNotContain(schedule.id());

        List<String> changes = adminChanges();
        assertThat(changes).hasSize(6);
        assertThat(changes.get(0)).startsWith("created schedule " + schedule.id() + " 'Weekly sales': Event sales"
                + " (saved report " + sales + ")");
        assertThat(changes.get(1)).startsWith("created schedule ").contains("'Daily sales'");
        assertThat(changes.subList(2, 6)).containsExactly(
                "paused schedule " + schedule.id() + " 'Weekly sales'",
                "resumed schedule " + schedule.id() + " 'Weekly sales'",
                "ran schedule " + schedule.id() + " 'Weekly sales' now",
                "deleted schedule " + schedule.id() + " 'Weekly sales'");
    }

    @Test
    void aScheduleChoosingWhatItsSavedReportFixesIsRefusedInWordsNamingTheJsonField() throws Exception {
        // issue 14: the API takes the saved report and values for what it leaves open, nothing else.
        PartnerCompany company = companies.create("Northern Lights", true, "");
        long sales = grants.create(null, new SavedReportDraft("Sales of the week", "", "partner-event-sales",
                Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests").id();

        mvc.perform(post("/api/admin/schedules").with(httpBasic(ADMIN, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"name": "Monthly sales", "savedReport": %d, "parameters": {"period": "previous-month"},
                                 "format": "CSV", "whenMode": "DAILY", "at": "07:00", "fanOut": "ONE_PARTNER",
                                 "partnerCompanyId": %d, "recipients": ["marketing@venue.example"]}
                                """.formatted(sales, company.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[0].field").value("parameters.period"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("is set by \"Sales of the week\" and cannot be changed when it runs"))
                .andExpect(jsonPath("$.errors[1].field").value("format"))
                .andExpect(jsonPath("$.errors[1].message").value("\"Sales of the week\" always makes a XLSX file"));
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isZero();
    }

    @Test
    void runsAreListedByStatusAndAFailedDeliveryIsSentAgain() throws Exception {
        long failedRun = jdbc.sql("""
                insert into report_run (report_id, requested_by, parameters_given, parameters_resolved, format, status,
                                        cutoff_at, error_message)
                values ('facilitated-sales', 'tests', '{}', '{}', 'CSV', 'FAILED', now(), 'The disk is full')
                returning id
                """).query(Long.class).single();
        long failed = delivery("delivery:1", "FAILED", "Delivery 1 failed");
        long sent = delivery("delivery:2", "SENT", "All went well");

        mvc.perform(get("/api/admin/runs").param("status", "FAILED").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].id").value(failedRun))
                .andExpect(jsonPath("$[0].errorMessage").value("The disk is full"));
        mvc.perform(get("/api/admin/runs").param("status", "COMPLETED").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));

        mvc.perform(get("/api/admin/deliveries").param("status", "FAILED").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].id").value(failed));
        mvc.perform(post("/api/admin/deliveries/{id}/retry", failed).with(as(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
        assertThat(jdbc.sql("select status from delivery where id = :id").param("id", failed).query(String.class)
                .single()).isEqualTo("PENDING");
        mvc.perform(post("/api/admin/deliveries/{id}/retry", sent).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("delivery"));

        assertThat(adminChanges()).containsExactly(
                "sent delivery " + failed + " to it@venue.example again (was FAILED: Delivery 1 failed)");
        mvc.perform(get("/api/admin/audit").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].kind").value("ADMIN_CHANGE"))
                .andExpect(jsonPath("$[0].detail", containsString("sent delivery " + failed)));
    }

    @Test
    void onlyAdministratorsMayUseTheApiAndSessionChangesNeedACsrfToken() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        StagedoorUser partnerUser = TestAccounts.partnerUser(accounts, company.id(), "ann@northern.example");
        long id = company.id();
        List<Route> routes = List.of(
                new Route(HttpMethod.GET, "/api/admin/partner-companies", null),
                new Route(HttpMethod.POST, "/api/admin/partner-companies", "{\"name\": \"Forged\"}"),
                new Route(HttpMethod.PUT, "/api/admin/partner-companies/" + id, "{\"name\": \"Forged\"}"),
                new Route(HttpMethod.GET, "/api/admin/partner-companies/" + id + "/users", null),
                new Route(HttpMethod.POST, "/api/admin/partner-companies/" + id + "/users",
                        "{\"displayName\": \"Eve\", \"email\": \"eve@forged.example\"}"),
                new Route(HttpMethod.POST, "/api/admin/accounts/" + partnerUser.accountId() + "/disable", null),
                new Route(HttpMethod.POST, "/api/admin/accounts/" + partnerUser.accountId() + "/enable", null),
                new Route(HttpMethod.GET, "/api/admin/partner-companies/" + id + "/grants", null),
                new Route(HttpMethod.PUT, "/api/admin/partner-companies/" + id + "/grants",
                        "[\"partner-event-sales\"]"),
                new Route(HttpMethod.GET, "/api/admin/schedules", null),
                new Route(HttpMethod.POST, "/api/admin/schedules", "{\"name\": \"Forged\"}"),
                new Route(HttpMethod.POST, "/api/admin/schedules/1/pause", null),
                new Route(HttpMethod.POST, "/api/admin/schedules/1/resume", null),
                new Route(HttpMethod.POST, "/api/admin/schedules/1/run-now", null),
                new Route(HttpMethod.DELETE, "/api/admin/schedules/1", null),
                new Route(HttpMethod.GET, "/api/admin/runs", null),
                new Route(HttpMethod.POST, "/api/admin/runs/1/restart", null),
                new Route(HttpMethod.POST, "/api/admin/runs/1/stop", null),
                new Route(HttpMethod.GET, "/api/admin/deliveries", null),
                new Route(HttpMethod.POST, "/api/admin/deliveries/1/retry", null),
                new Route(HttpMethod.GET, "/api/admin/audit", null));

        List<String> wrong = new ArrayList<>();
        for (Route route : routes) {
            expect(wrong, route.request().with(as(partnerUser)).with(csrf()), 403, "as a partner user");
            expect(wrong, route.request().with(httpBasic("ann@northern.example", TestAccounts.PASSWORD)), 403,
                    "as a partner user over HTTP Basic");
            expect(wrong, route.request().with(csrf()), 401, "anonymous");
        }
        assertThat(wrong).isEmpty();

        // A session (not HTTP Basic) change without a CSRF token is refused; with one, or over HTTP Basic, accepted.
        mvc.perform(json(post("/api/admin/partner-companies"), "{\"name\": \"Forged\"}").with(as(admin)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/accounts/{id}/disable", partnerUser.accountId()).with(as(admin)))
                .andExpect(status().isForbidden());
        assertThat(companies.all()).extracting(PartnerCompany::name).containsExactly("Northern Lights");
        assertThat(enabled(partnerUser.accountId())).isTrue();
        assertThat(grants.grantsOf(id)).isEmpty();
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isZero();
        assertThat(adminChanges()).isEmpty();

        mvc.perform(json(post("/api/admin/partner-companies"), "{\"name\": \"Basic Ltd\"}")
                        .with(httpBasic(ADMIN, TestAccounts.PASSWORD)))
                .andExpect(status().isCreated());
        assertThat(companies.all()).extracting(PartnerCompany::name).contains("Basic Ltd");
    }

    private void expect(List<String> wrong, MockHttpServletRequestBuilder request, int expected, String who)
            throws Exception {
        var result = mvc.perform(request).andReturn();
        int status = result.getResponse().getStatus();
        if (status != expected) {
            wrong.add(result.getRequest().getMethod() + " " + result.getRequest().getRequestURI() + " " + who + ": "
                    + status + ", expected " + expected);
        }
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** One route of the API, built afresh for each caller (a request builder keeps what was added to it). */
    private record Route(HttpMethod method, String path, String body) {

        MockHttpServletRequestBuilder request() {
            MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path)
                    .accept(MediaType.APPLICATION_JSON);
            return body == null ? request : json(request, body);
        }
    }

    private boolean enabled(long accountId) {
        return jdbc.sql("select enabled from login_account where id = :id").param("id", accountId)
                .query(Boolean.class).single();
    }

    private long delivery(String key, String status, String subject) {
        return jdbc.sql("""
                insert into delivery (kind, recipient, subject, notice_key, notice_text, status, attempts, last_error,
                                      sent_at)
                values ('NOTICE', 'it@venue.example', :subject, :key, 'text', :status, 8, 'failed before',
                        case when :status = 'SENT' then now() end)
                returning id
                """).param("subject", subject).param("key", key).param("status", status).query(Long.class).single();
    }
}
