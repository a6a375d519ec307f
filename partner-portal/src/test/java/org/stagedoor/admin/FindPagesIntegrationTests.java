package org.stagedoor.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.stagedoor.booking.event.Event;
import org.stagedoor.booking.event.EventPartner;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/**
 * Finding things in the console: customers by name (close spellings too), email or number; runs and the audit log
 * narrowed by report, company, status or kind, person and days, a page at a time, page and API alike; the audit
 * log as CSV; events assigned from a company's page (P-2) through the event page's operation.
 */
class FindPagesIntegrationTests extends AdminConsoleIntegrationTest {

    private static final Pattern RUN_ROW = Pattern.compile("id=\"run-(\\d+)\"");

    private static final Pattern LINK = Pattern.compile("rel=\"(prev|next)\"\\s+href=\"([^\"]+)\"");

    @Autowired
    PartnerCompanies companies;

    @Autowired
    Events events;

    @Autowired
    CustomerSearch search;

    PartnerCompany northern;

    PartnerCompany riverside;

    @BeforeEach
    void companies() {
        northern = companies.create("Northern Lights", true, "");
        riverside = companies.create("Riverside Players", false, "");
    }

    // Customers

    @Test
    void partOfANameFindsEveryoneWithItFirstThenCloseSpellings() {
        long ada = person("Ada", "Smith", "ada@example.org");
        long adam = person("Adam", "Smyth", "adam.smyth@example.org");
        long john = person("John", "Smithers", "john@smithers.example");
        long arts = organisation("Smithfield Arts", "box@smithfield.example");
        long keith = person("Keith", "Jones", "keith@example.org");
        person("Grace", "Hopper", "grace@example.org");

        // Containing "smith" first (the whole word best), then names a letter or two away.
        assertThat(ids(search.find("Smith", 1, 25))).containsExactly(ada, john, arts, adam, keith);
        assertThat(search.find("Smith", 1, 25).matches()).first()
                .isEqualTo(new CustomerSearch.Match(ada, "Ada Smith", "ada@example.org", "N1 9GU"));
        assertThat(search.find("Smith", 1, 25).matches().get(2).name()).isEqualTo("Smithfield Arts");
    }

    @Test
    void aMisspeltNameStillFindsTheCustomer() {
        long ada = person("Ada", "Smith", "ada@example.org");
        long adam = person("Adam", "Smyth", "adam.smyth@example.org");
        long john = person("John", "Smithers", "john@smithers.example");
        long arts = organisation("Smithfield Arts", "box@smithfield.example");
        long grace = person("Grace", "Hopper", "grace@example.org");

        assertThat(ids(search.find("smyth", 1, 25))).containsExactly(adam, ada, john, arts);
        assertThat(ids(search.find("Grace Hoper", 1, 25))).containsExactly(grace);
        assertThat(ids(search.find("Ada Smyth", 1, 25))).containsExactly(adam, ada);
        assertThat(search.find("Zebedee", 1, 25).matches()).isEmpty();
    }

    @Test
    void anExactEmailOrACustomerNumberOpensTheCustomerAndPartOfAnEmailLists() throws Exception {
        long ada = person("Ada", "Smith", "ada@example.org");
        long keith = person("Keith", "Jones", "keith@example.org");
        long john = person("John", "Smithers", "john@smithers.example");

        mvc.perform(get("/admin/customers").param("q", " ADA@example.org ").with(as(admin)))
                .andExpect(redirectedUrl("/admin/customers/" + ada));
        mvc.perform(get("/admin/customers").param("q", Long.toString(keith)).with(as(admin)))
                .andExpect(redirectedUrl("/admin/customers/" + keith));
        assertThat(ids(search.find("@example.org", 1, 25))).containsExactly(ada, keith);
        assertThat(ids(search.find("@smithers", 1, 25))).containsExactly(john);
        // A whole address mistyped finds the customer, not everyone else at the same domain.
        assertThat(ids(search.find("ada@exmaple.org", 1, 25))).containsExactly(ada);
        mvc.perform(get("/admin/customers").param("q", "@example.org").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(">Ada Smith</a>"), containsString(">Keith Jones</a>"),
                        not(containsString("John Smithers")))));
        mvc.perform(get("/admin/customers").param("q", "999999999").with(as(admin)))
                .andExpect(content().string(allOf(containsString("id=\"not-found\""),
                        containsString("No customer matches <strong>999999999</strong>"))));
        String api = mvc.perform(get("/api/admin/customers").param("q", "smith").with(as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(jsonIds(api)).containsExactly(ada, john, keith);
        assertThat(api).startsWith("[{\"id\":" + ada + ",\"name\":\"Ada Smith\",\"email\":\"ada@example.org\","
                + "\"postcode\":\"N1 9GU\"}");
    }

    @Test
    void manyMatchesComeAPageAtATimeBestFirst() throws Exception {
        List<Long> smiths = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            smiths.add(person("A%02d".formatted(i), "Smith", "a%02d@example.org".formatted(i)));
        }
        assertThat(ids(search.find("smith", 1, 25))).containsExactlyElementsOf(smiths.subList(0, 25));
        assertThat(search.find("smith", 1, 25).more()).isTrue();
        assertThat(ids(search.find("smith", 2, 25))).containsExactlyElementsOf(smiths.subList(25, 30));
        assertThat(search.find("smith", 2, 25).more()).isFalse();

        String first = page(get("/admin/customers").param("q", "smith"));
        assertThat(links(first)).containsExactly("next /admin/customers?q=smith&page=2");
        String second = page(get("/admin/customers").param("q", "smith").param("page", "2"));
        assertThat(links(second)).containsExactly("prev /admin/customers?q=smith&page=1");
        assertThat(second).contains(">A26 Smith</a>").doesNotContain(">A25 Smith</a>");
    }

    // Runs

    @Test
    void runsAreNarrowedByEachFilterOnThePageAndInTheApiAlike() throws Exception {
        long r1 = run("partner-event-sales", northern.id(), "ann@northern.example", "FAILED", "2026-11-02T10:00:00Z");
        long r2 = run("partner-optin-list", northern.id(), "bob@northern.example", "QUEUED", "2026-11-03T10:00:00Z");
        long r3 = run("partner-event-sales", riverside.id(), "cy@riverside.example", "FAILED", "2026-11-04T10:00:00Z");
        long r4 = run("partner-event-sales", null, ADMIN, "STOPPED", "2026-11-05T23:30:00Z");
        long r5 = run("partner-event-sales", northern.id(), "ann@northern.example", "RUNNING", "2026-11-06T00:30:00Z");

        assertRuns("", r5, r4, r3, r2, r1);
        assertRuns("report=partner-event-sales", r5, r4, r3, r1);
        assertRuns("company=" + northern.id(), r5, r2, r1);
        assertRuns("company=venue", r4);
        assertRuns("status=FAILED", r3, r1);
        assertRuns("person=ANN@north", r5, r1);
        // Days on the venue's calendar, both ends included.
        assertRuns("from=2026-11-05&to=2026-11-05", r4);
        assertRuns("from=2026-11-04", r5, r4, r3);
        assertRuns("to=2026-11-03", r2, r1);
        assertRuns("report=partner-event-sales&company=" + northern.id() + "&from=2026-11-01&to=2026-11-05", r1);

        mvc.perform(get("/admin/runs").param("status", "FAILED").with(as(admin)))
                .andExpect(content().string(allOf(
                        containsString("<option value=\"FAILED\" selected=\"selected\">Failed"),
                        containsString(">Event sales</span>"), containsString(">Riverside Players</td>"))));
    }

    @Test
    void runsComeFiftyToAPageWithTheFiltersKeptInOlderAndNewerLinks() throws Exception {
        List<Long> failed = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T09:00:00Z");
        for (int i = 0; i < 120; i++) {
            String status = i % 2 == 0 ? "FAILED" : "QUEUED";
            long id = run("partner-event-sales", northern.id(), "ann@northern.example", status,
                    start.plusSeconds(60L * i).toString());
            if (i % 2 == 0) {
                failed.add(0, id);
            }
        }
        String first = page(get("/admin/runs").param("status", "FAILED"));
        assertThat(runIds(first)).containsExactlyElementsOf(failed.subList(0, 50));
        assertThat(links(first)).containsExactly("next /admin/runs?status=FAILED&before=" + failed.get(49));

        String second = page(get("/admin/runs").param("status", "FAILED").param("before", failed.get(49).toString()));
        assertThat(runIds(second)).containsExactlyElementsOf(failed.subList(50, 60));
        assertThat(links(second)).containsExactly("prev /admin/runs?status=FAILED&after=" + failed.get(50));

        String back = page(get("/admin/runs").param("status", "FAILED").param("after", failed.get(50).toString()));
        assertThat(runIds(back)).containsExactlyElementsOf(failed.subList(0, 50));
        assertThat(links(back)).containsExactly("next /admin/runs?status=FAILED&before=" + failed.get(49));

        assertThat(jsonIds(mvc.perform(get("/api/admin/runs").param("status", "FAILED").param("limit", "3")
                        .param("before", failed.get(49).toString()).with(as(admin)))
                .andReturn().getResponse().getContentAsString())).containsExactlyElementsOf(failed.subList(50, 53));
    }

    // The audit log

    @Test
    void theAuditLogIsNarrowedByEachFilterAndExportedAsCsvWithTheSameFilters() throws Exception {
        long r1 = run("partner-event-sales", northern.id(), "ann@northern.example", "FAILED", "2026-11-02T10:00:00Z");
        long r2 = run("partner-optin-list", northern.id(), "bob@northern.example", "QUEUED", "2026-11-05T12:00:00Z");
        long r3 = run("partner-event-sales", riverside.id(), "cy@riverside.example", "FAILED", "2026-11-04T10:00:00Z");
        long a1 = entry("2026-11-02T09:00:00Z", "ann@northern.example", "LOGIN_OK", northern.id(), null, null,
                "=HYPERLINK(\"http://x\",\"y\")");
        long a2 = entry("2026-11-02T10:00:00Z", "ann@northern.example", "RUN_STARTED", northern.id(), r1, null,
                "started");
        long a3 = entry("2026-11-03T11:00:00Z", ADMIN, "ADMIN_CHANGE", null, null, null,
                "renamed \"Riverside\", then\nsaved");
        long a4 = entry("2026-11-04T10:00:00Z", "cy@riverside.example", "RUN_DOWNLOADED", riverside.id(), r3, 12L,
                "downloaded");
        long a5 = entry("2026-11-05T12:00:00Z", "bob@northern.example", "RUN_STARTED", northern.id(), r2, null,
                "started");
        String november = "from=2026-11-01&to=2026-11-30";

        assertEntries(november, a5, a4, a3, a2, a1);
        assertEntries("kind=RUN_STARTED", a5, a2);
        assertEntries("company=" + northern.id(), a5, a2, a1);
        assertEntries("report=partner-event-sales", a4, a2);
        assertEntries("person=NORTHERN&" + november, a5, a2, a1);
        assertEntries("from=2026-11-03&to=2026-11-04", a4, a3);

        MvcResult csv = mvc.perform(asyncDispatch(mvc.perform(get("/admin/audit.csv?" + november).with(as(admin)))
                        .andExpect(request().asyncStarted()).andReturn()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"audit-log.csv\""))
                .andReturn();
        assertThat(csv.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(
                "When,Who,What,Partner company,Run,Report,Rows,Detail\r\n"
                + "2026-11-05 12:00:00,bob@northern.example,Run started,Northern Lights," + r2
                + ",Opted-in customers,,started\r\n"
                + "2026-11-04 10:00:00,cy@riverside.example,File downloaded,Riverside Players," + r3
                + ",Event sales,12,downloaded\r\n"
                + "2026-11-03 11:00:00," + ADMIN + ",Administrator's change,,,,,\"renamed \"\"Riverside\"\", then\n"
                + "saved\"\r\n"
                + "2026-11-02 10:00:00,ann@northern.example,Run started,Northern Lights," + r1
                + ",Event sales,,started\r\n"
                // A formula typed into any text reaches a spreadsheet as inert text, as in the reports' files.
                + "2026-11-02 09:00:00,ann@northern.example,Signed in,Northern Lights,,,,"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");

        String filtered = mvc.perform(asyncDispatch(mvc.perform(get("/admin/audit.csv?kind=RUN_STARTED&company="
                + northern.id()).with(as(admin))).andReturn())).andReturn().getResponse().getContentAsString();
        assertThat(filtered.lines()).hasSize(3).element(1).asString().startsWith("2026-11-05 12:00:00,bob@");

        // The page offers the file with the filters it shows.
        assertThat(page(get("/admin/audit?kind=RUN_STARTED&company=" + northern.id())))
                .contains("href=\"/admin/audit.csv?company=" + northern.id() + "&amp;kind=RUN_STARTED\"")
                .contains(">Run started</td>").doesNotContain(">RUN_STARTED<");
    }

    @Test
    void theAuditLogComesFiftyToAPage() throws Exception {
        List<Long> ids = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T09:00:00Z");
        for (int i = 0; i < 60; i++) {
            ids.add(0, entry(start.plusSeconds(60L * i).toString(), "ann@northern.example", "LOGIN_OK", northern.id(),
                    null, null, ""));
        }
        String first = page(get("/admin/audit").param("company", northern.id().toString()));
        assertThat(links(first)).containsExactly(
                "next /admin/audit?company=" + northern.id() + "&before=" + ids.get(49));
        String second = page(get("/admin/audit").param("company", northern.id().toString())
                .param("before", ids.get(49).toString()));
        assertThat(links(second)).containsExactly(
                "prev /admin/audit?company=" + northern.id() + "&after=" + ids.get(50));
        assertThat(jsonIds(mvc.perform(get("/api/admin/audit").param("company", northern.id().toString())
                        .param("before", ids.get(49).toString()).with(as(admin)))
                .andReturn().getResponse().getContentAsString())).containsExactlyElementsOf(ids.subList(50, 60));
    }

    // Events from a company's page

    @Test
    void anEventIsAssignedFromTheCompanysPageThroughTheEventPagesOperation() throws Exception {
        Event hamlet = events.create("Hamlet", Set.of(riverside.id()));
        Event macbeth = events.create("Macbeth", Set.of());

        assertThat(page(get("/admin/partners/{id}", northern.id())))
                .contains("id=\"no-events\"")
                .contains("<option value=\"" + hamlet.id() + "\">Hamlet</option>")
                .contains("<option value=\"" + macbeth.id() + "\">Macbeth</option>");

        mvc.perform(post("/admin/partners/{id}/events", northern.id()).param("eventId", hamlet.id().toString())
                        .with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/partners/" + northern.id() + "?eventAdded#events"));
        assertThat(events.get(hamlet.id()).partners())
                .containsExactlyInAnyOrder(new EventPartner(northern.id()), new EventPartner(riverside.id()));
        assertThat(adminChanges()).containsExactly("assigned to event " + hamlet.id() + " 'Hamlet' the partner"
                + " companies " + Set.of(northern.id(), riverside.id()).stream().sorted().toList()
                + " (Northern Lights, Riverside Players)");
        assertThat(page(get("/admin/partners/{id}", northern.id())))
                .contains(">Hamlet</a></td>")
                .doesNotContain("<option value=\"" + hamlet.id() + "\">");

        mvc.perform(post("/admin/partners/{id}/events/{event}/remove", northern.id(), hamlet.id())
                        .with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/partners/" + northern.id() + "?eventRemoved#events"));
        assertThat(events.get(hamlet.id()).partners()).containsExactly(new EventPartner(riverside.id()));
        assertThat(adminChanges()).hasSize(2).last().isEqualTo("assigned to event " + hamlet.id()
                + " 'Hamlet' the partner companies [" + riverside.id() + "] (Riverside Players)");
    }

    @Test
    void aBadAssignmentIsRefusedInWordsAndNothingChanges() throws Exception {
        Event hamlet = events.create("Hamlet", Set.of(northern.id()));

        mvc.perform(post("/admin/partners/{id}/events", northern.id()).param("eventId", hamlet.id().toString())
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().encoding(StandardCharsets.UTF_8))
                .andExpect(content().string(containsString("“Hamlet” is already assigned to Northern Lights.")));
        mvc.perform(post("/admin/partners/{id}/events", northern.id()).param("eventId", "")
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose an event.")));
        mvc.perform(post("/admin/partners/{id}/events", northern.id()).param("eventId", "987654")
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("That event no longer exists: choose another.")));
        mvc.perform(post("/admin/partners/{id}/events/{event}/remove", riverside.id(), hamlet.id())
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().encoding(StandardCharsets.UTF_8))
                .andExpect(content().string(containsString("“Hamlet” is not assigned to Riverside Players.")));
        assertThat(events.get(hamlet.id()).partners()).containsExactly(new EventPartner(northern.id()));
        assertThat(adminChanges()).isEmpty();
    }

    // Helpers

    private void assertRuns(String query, long... expected) throws Exception {
        String path = "/admin/runs" + (query.isEmpty() ? "" : "?" + query);
        assertThat(runIds(page(get(path)))).as(path).containsExactly(boxed(expected));
        String api = mvc.perform(get("/api/admin/runs" + (query.isEmpty() ? "" : "?" + query)).with(as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(jsonIds(api)).as("API " + query).containsExactly(boxed(expected));
    }

    private void assertEntries(String query, long... expected) throws Exception {
        String api = mvc.perform(get("/api/admin/audit?" + query).with(as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(jsonIds(api)).as("API " + query).containsExactly(boxed(expected));
        String html = page(get("/admin/audit?" + query));
        Matcher rows = Pattern.compile("<tr>\\s*<td>").matcher(html.substring(html.indexOf("<tbody>")));
        int count = 0;
        while (rows.find()) {
            count++;
        }
        assertThat(count).as(query).isEqualTo(expected.length);
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(as(admin))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(html);
        while (matcher.find()) {
            links.add(matcher.group(1) + " " + matcher.group(2).replace("&amp;", "&"));
        }
        return links;
    }

    private static List<Long> runIds(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher matcher = RUN_ROW.matcher(html);
        while (matcher.find()) {
            ids.add(Long.valueOf(matcher.group(1)));
        }
        return ids;
    }

    private static List<Long> jsonIds(String json) {
        List<Long> ids = new ArrayList<>();
        Matcher matcher = Pattern.compile("\\{\"id\":(\\d+)").matcher(json);
        while (matcher.find()) {
            ids.add(Long.valueOf(matcher.group(1)));
        }
        return ids;
    }

    private static Long[] boxed(long... ids) {
        return Arrays.stream(ids).boxed().toArray(Long[]::new);
    }

    private static List<Long> ids(CustomerSearch.Results results) {
        return results.matches().stream().map(CustomerSearch.Match::id).toList();
    }

    private long person(String first, String last, String email) {
        return jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, postcode, created_channel)
                values ('INDIVIDUAL', :first, :last, :email, 'N1 9GU', 'BOX_OFFICE') returning id
                """).param("first", first).param("last", last).param("email", email).query(Long.class).single();
    }

    private long organisation(String name, String email) {
        return jdbc.sql("""
                insert into customer (kind, organisation_name, email, postcode, created_channel)
                values ('ORGANISATION', :name, :email, 'E1 6AN', 'BOX_OFFICE') returning id
                """).param("name", name).param("email", email).query(Long.class).single();
    }

    private long run(String report, Long company, String by, String status, String at) {
        return jdbc.sql("""
                insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                        parameters_resolved, format, status, cutoff_at, created_at, started_at,
                                        finished_at, file_deleted_at)
                values (:report, :company, :by, '{}', '{}', 'CSV', :status, cast(:at as timestamptz),
                        cast(:at as timestamptz), cast(:at as timestamptz),
                        case when :status in ('FAILED', 'STOPPED') then cast(:at as timestamptz) end, null)
                returning id
                """).param("report", report).param("company", company).param("by", by).param("status", status)
                .param("at", at).query(Long.class).single();
    }

    private long entry(String at, String actor, String kind, Long company, Long run, Long rows, String detail) {
        return jdbc.sql("""
                insert into audit_event (at, actor, kind, partner_company_id, run_id, row_count, detail)
                values (cast(:at as timestamptz), :actor, :kind, :company, :run, :rows, :detail) returning id
                """).param("at", at).param("actor", actor).param("kind", kind).param("company", company)
                .param("run", run).param("rows", rows).param("detail", detail).query(Long.class).single();
    }
}
