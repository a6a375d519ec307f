package org.stagedoor.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.store.TableRowCounts;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;
import org.stagedoor.web.PlainWords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * The fault suite's bad input: every endpoint of the JSON API, and the forms of the pages, sent malformed, missing,
 * oversized, wrongly typed and hostile values (SQL metacharacters, a 10 MB string, NUL and other unicode, reversed
 * periods, impossible cron expressions, unknown enum values, parameter names and content types of 50 KB). Each
 * answers a clear 4xx — under {@code /api/} a problem detail of less than 2 KB that repeats nothing that was sent
 * (issue 13 item 7) — writes nothing (every table's row count is unchanged), and the application answers a normal
 * request afterwards. {@code {company}} in a path is a real partner company's id.
 */
class BadInputIntegrationTests extends AdminConsoleIntegrationTest {

    static final String DROP = "'; drop table customer; --";

    /** 10 MB: ten times the request size limit. */
    static final String HUGE = "x".repeat(10 * 1024 * 1024);

    static final String WEIRD = "A\u0000B \u202Egnp.exe \uD83C\uDFAD \uFEFF\u0007";

    /**
     * A name of nearly 50 KB that the API does not know: Jackson refuses a JSON property name longer than 50,000
     * characters before the API sees it, so this is the longest one that reaches it.
     */
    static final String LONG_NAME = "Zq" + "x".repeat(49_000);

    /** A content type of 50 KB, well-formed, and one that is not a media type at all. */
    static final String LONG_TYPE = "application/zq" + "x".repeat(50 * 1024);

    static final String LONG_NOT_A_TYPE = "Zq" + "x".repeat(50 * 1024);

    /**
     * The texts of the corpus that are not the API's own: none may come back in an answer (issue 13 item 7). The
     * first hundred characters of {@link #HUGE} stand for it.
     */
    static final List<String> SENT = List.of(DROP, "gnp.exe", HUGE.substring(0, 100), "Zq", "no-such-report",
            "Mars/Olympus_Mons", "61 * * * * *", "EVERYONE", "HOURLY", "PDF", "not-an-email", "ninety",
            "maybe", "NOPE", "EXPLODED", "LOST", "lots", "many", "1e99", "../../etc/passwd", "99999999999", "abc",
            "2026-12-01", "2026-01-01", "\uFF12", "Northern");

    enum Who { ADMIN, PARTNER }

    /** One hostile request and the statuses it may answer. */
    record Hostile(String what, Who who, HttpMethod method, String path, String body, String type,
            int... statuses) {

        static Hostile admin(String what, HttpMethod method, String path, String body, int... statuses) {
            return new Hostile(what, Who.ADMIN, method, path, body, MediaType.APPLICATION_JSON_VALUE, statuses);
        }

        static Hostile partner(String what, HttpMethod method, String path, String body, int... statuses) {
            return new Hostile(what, Who.PARTNER, method, path, body, MediaType.APPLICATION_JSON_VALUE, statuses);
        }

        @Override
        public String toString() {
            return method + " " + path + ": " + what;
        }
    }

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    SavedReports grants;

    @Autowired
    ReportCatalogue catalogue;

    PartnerCompany company;

    StagedoorUser partnerUser;

    @BeforeEach
    void partnerCompany() {
        company = fixtures.partner("Northern Lights Productions", false);
        grants.grantKinds(company.id(), Set.of("partner-event-sales", "customer-list"), "tests");
        partnerUser = TestAccounts.partnerUser(accounts, company.id(), "ann@northern.example");
    }

    static Stream<Hostile> apiRequests() {
        HttpMethod GET = HttpMethod.GET;
        HttpMethod POST = HttpMethod.POST;
        HttpMethod PUT = HttpMethod.PUT;
        HttpMethod DELETE = HttpMethod.DELETE;
        String companies = "/api/admin/partner-companies";
        String schedule = "{\"name\": \"Weekly\", \"savedReport\": {saved}, \"parameters\": {\"period\":"
                + " \"previous-week\"}, \"format\": \"XLSX\", \"whenMode\": \"CRON\", \"cron\": \"0 0 7 * * MON\","
                + " \"timeZone\": \"Europe/London\", \"fanOut\": \"ONE_PARTNER\", \"partnerCompanyId\": {company},"
                + " \"recipients\": [\"ops@venue.example\"], \"deliveryMode\": \"ATTACHMENT\"}";
        String run = "{\"report\": \"partner-event-sales\", \"parameters\": {\"period\": \"next-30-days\"},"
                + " \"format\": \"CSV\"}";
        return Stream.of(
                // Partner companies
                Hostile.admin("malformed JSON", POST, companies, "{\"name\": ", 400),
                Hostile.admin("an array for an object", POST, companies, "[1, 2]", 400),
                Hostile.admin("a list for the name", POST, companies, "{\"name\": [\"x\"]}", 400),
                Hostile.admin("no name", POST, companies, "{}", 400),
                Hostile.admin("a blank name", POST, companies, "{\"name\": \"   \"}", 400),
                Hostile.admin("a 10 MB name", POST, companies, "{\"name\": \"" + HUGE + "\"}", 413),
                Hostile.admin("a name with NUL and control characters", POST, companies,
                        "{\"name\": \"" + json(WEIRD) + "\"}", 400),
                Hostile.admin("not JSON at all", POST, companies, "name=x", 400),
                new Hostile("a content type it does not take", Who.ADMIN, POST, companies, "name=x",
                        MediaType.TEXT_PLAIN_VALUE, 415),
                new Hostile("a 50 KB content type", Who.ADMIN, POST, companies, "name=x", LONG_TYPE, 415),
                new Hostile("a 50 KB content type that is not one", Who.ADMIN, POST, companies, "name=x",
                        LONG_NOT_A_TYPE, 415),
                new Hostile("a 50 KB content type", Who.PARTNER, POST, "/api/portal/runs", run, LONG_TYPE, 415),
                Hostile.admin("a 48 KB unknown property", POST, companies, "{\"" + LONG_NAME + "\": 1}", 400),
                Hostile.admin("a word for a boolean", POST, companies, "{\"name\": \"X\", \"collectsPreferences\":"
                        + " \"maybe\"}", 400),
                Hostile.admin("a null name", PUT, companies + "/{company}", "{\"name\": null}", 400),
                Hostile.admin("a word for the id", PUT, companies + "/abc", "{\"name\": \"X\"}", 400),
                Hostile.admin("a negative id", PUT, companies + "/-1", "{\"name\": \"X\"}", 404),
                Hostile.admin("an id beyond a long", PUT, companies + "/99999999999999999999", "{\"name\": \"X\"}",
                        400),
                Hostile.admin("SQL for the id", GET, companies + "/" + DROP + "/users", null, 400),
                Hostile.admin("an unknown company", GET, companies + "/424242/users", null, 404),
                // Users
                Hostile.admin("not an email", POST, companies + "/{company}/users",
                        "{\"email\": \"not-an-email\", \"displayName\": \"X\"}", 400),
                Hostile.admin("SQL in the email", POST, companies + "/{company}/users",
                        "{\"email\": \"" + DROP + "\", \"displayName\": \"X\"}", 400),
                Hostile.admin("no fields", POST, companies + "/{company}/users", "{}", 400),
                Hostile.admin("a 10 MB display name", POST, companies + "/{company}/users",
                        "{\"email\": \"x@northern.example\", \"displayName\": \"" + HUGE + "\"}", 413),
                Hostile.admin("a word for the account", POST, "/api/admin/accounts/abc/disable", null, 400),
                Hostile.admin("an unknown account", POST, "/api/admin/accounts/424242/enable", null, 404),
                // Grants
                Hostile.admin("an unknown report", PUT, companies + "/{company}/grants", "[\"no-such-report\"]", 400),
                Hostile.admin("SQL for a report", PUT, companies + "/{company}/grants", "[\"" + json(DROP) + "\"]",
                        400),
                Hostile.admin("an object for the list", PUT, companies + "/{company}/grants", "{\"a\": 1}", 400),
                Hostile.admin("a null in the list", PUT, companies + "/{company}/grants", "[null]", 400),
                Hostile.admin("no body", PUT, companies + "/{company}/grants", null, 400),
                // API tokens
                Hostile.admin("negative validity", POST, companies + "/{company}/api-tokens",
                        "{\"name\": \"t\", \"validityDays\": -5}", 400),
                Hostile.admin("a word for the validity", POST, companies + "/{company}/api-tokens",
                        "{\"name\": \"t\", \"validityDays\": \"ninety\"}", 400),
                Hostile.admin("a validity beyond an int", POST, companies + "/{company}/api-tokens",
                        "{\"name\": \"t\", \"validityDays\": 99999999999}", 400),
                Hostile.admin("no name", POST, companies + "/{company}/api-tokens", "{\"validityDays\": 10}", 400),
                Hostile.admin("a word for the token", GET, companies + "/{company}/api-tokens/abc", null, 400),
                Hostile.admin("an unknown token", POST, companies + "/{company}/api-tokens/424242/revoke", null, 404),
                // Customers, audit
                Hostile.admin("a word for the customer", POST, "/api/admin/customers/abc/erasure", null, 400),
                Hostile.admin("an unknown customer", POST, "/api/admin/customers/424242/erasure", null, 404),
                Hostile.admin("an unknown kind", GET, "/api/admin/audit?kind=NOPE", null, 400),
                Hostile.admin("a 10 MB kind", GET, "/api/admin/audit?kind=" + HUGE.substring(0, 100_000), null, 400),
                Hostile.admin("a word for the limit", GET, "/api/admin/audit?limit=lots", null, 400),
                // Schedules
                Hostile.admin("malformed JSON", POST, "/api/admin/schedules", "{\"name\": \"x\",", 400),
                Hostile.admin("nothing", POST, "/api/admin/schedules", "{}", 400),
                Hostile.admin("cron nonsense", POST, "/api/admin/schedules",
                        schedule.replace("0 0 7 * * MON", "61 * * * * *"), 400),
                Hostile.admin("SQL for the cron", POST, "/api/admin/schedules",
                        schedule.replace("0 0 7 * * MON", json(DROP)), 400),
                Hostile.admin("an unknown report", POST, "/api/admin/schedules",
                        schedule.replace("{saved}", "424242"), 400),
                Hostile.admin("a reversed period", POST, "/api/admin/schedules",
                        schedule.replace("previous-week", "2026-12-01..2026-01-01"), 400),
                Hostile.admin("an unknown time zone", POST, "/api/admin/schedules",
                        schedule.replace("Europe/London", "Mars/Olympus_Mons"), 400),
                Hostile.admin("an unknown format", POST, "/api/admin/schedules", schedule.replace("XLSX", "PDF"), 400),
                Hostile.admin("an unknown when", POST, "/api/admin/schedules", schedule.replace("CRON", "HOURLY"), 400),
                Hostile.admin("an unknown fan-out", POST, "/api/admin/schedules",
                        schedule.replace("ONE_PARTNER", "EVERYONE"), 400),
                Hostile.admin("a word for the company", POST, "/api/admin/schedules",
                        schedule.replace("{company}", "\"Northern\""), 400),
                Hostile.admin("an unknown company", POST, "/api/admin/schedules",
                        schedule.replace("{company}", "424242"), 400),
                Hostile.admin("not an email", POST, "/api/admin/schedules",
                        schedule.replace("ops@venue.example", "not an email"), 400),
                Hostile.admin("unicode for the name", POST, "/api/admin/schedules",
                        schedule.replace("\"Weekly\"", "\"" + json(WEIRD) + "\""), 400),
                Hostile.admin("a 10 MB name", POST, "/api/admin/schedules",
                        schedule.replace("\"Weekly\"", "\"" + HUGE + "\""), 413),
                Hostile.admin("a 48 KB parameter the report does not have", POST, "/api/admin/schedules",
                        schedule.replace("\"period\":", "\"" + LONG_NAME + "\": \"x\", \"period\":"), 400),
                Hostile.admin("an object for a parameter of 48 KB", POST, "/api/admin/schedules",
                        schedule.replace("\"period\":", "\"" + LONG_NAME + "\": {\"a\": 1}, \"period\":"), 400),
                Hostile.admin("a word for the id", POST, "/api/admin/schedules/abc/pause", null, 400),
                Hostile.admin("an unknown schedule", POST, "/api/admin/schedules/424242/pause", null, 404),
                Hostile.admin("an unknown schedule", POST, "/api/admin/schedules/424242/resume", null, 404),
                Hostile.admin("an unknown schedule", POST, "/api/admin/schedules/424242/run-now", null, 404),
                Hostile.admin("an unknown schedule", DELETE, "/api/admin/schedules/424242", null, 404),
                // Runs and deliveries
                Hostile.admin("an unknown status", GET, "/api/admin/runs?status=EXPLODED", null, 400),
                Hostile.admin("a float for the limit", GET, "/api/admin/runs?limit=1e99", null, 400),
                Hostile.admin("a word for the run", POST, "/api/admin/runs/abc/restart", null, 400),
                Hostile.admin("an unknown run", POST, "/api/admin/runs/424242/restart", null, 404),
                Hostile.admin("an unknown run", POST, "/api/admin/runs/424242/stop", null, 404),
                Hostile.admin("an unknown status", GET, "/api/admin/deliveries?status=LOST", null, 400),
                Hostile.admin("an unknown delivery", POST, "/api/admin/deliveries/424242/retry", null, 404),
                // The partner API
                Hostile.partner("malformed JSON", POST, "/api/portal/runs", "{\"report\": ", 400),
                Hostile.partner("nothing", POST, "/api/portal/runs", "{}", 400),
                Hostile.partner("a string for the parameters", POST, "/api/portal/runs",
                        "{\"report\": \"partner-event-sales\", \"parameters\": \"period\", \"format\": \"CSV\"}", 400),
                Hostile.partner("an unknown format", POST, "/api/portal/runs", run.replace("CSV", "PDF"), 400),
                Hostile.partner("a reversed period", POST, "/api/portal/runs",
                        run.replace("next-30-days", "2026-12-01..2026-01-01"), 400),
                Hostile.partner("SQL for the period", POST, "/api/portal/runs", run.replace("next-30-days", json(DROP)),
                        400),
                Hostile.partner("full-width digits in the period", POST, "/api/portal/runs",
                        run.replace("next-30-days", "\uFF12\uFF10\uFF12\uFF16-01-01..2026-02-01"), 400),
                Hostile.partner("NUL in the period", POST, "/api/portal/runs",
                        run.replace("next-30-days", "2026-01-01\\u0000..2026-02-01"), 400),
                Hostile.partner("a 10 MB period", POST, "/api/portal/runs", run.replace("next-30-days", HUGE), 413),
                Hostile.partner("a 48 KB parameter the report does not have", POST, "/api/portal/runs",
                        run.replace("\"period\":", "\"" + LONG_NAME + "\": \"x\", \"period\":"), 400),
                Hostile.partner("a 48 KB column of a customer list", POST, "/api/portal/runs", "{\"report\":"
                        + " \"customer-list\", \"format\": \"CSV\", \"parameters\": {\"list\": {\"name\": \"L\","
                        + " \"segments\": [{\"type\": \"has-email\", \"" + LONG_NAME + "\": 1}],"
                        + " \"columns\": [\"" + LONG_NAME + "\"]}}}", 400),
                Hostile.partner("a customer list that is not JSON", POST, "/api/portal/runs", "{\"report\":"
                        + " \"customer-list\", \"format\": \"CSV\", \"parameters\": {\"list\": \"[" + LONG_NAME
                        + "]\"}}", 400),
                Hostile.partner("a path for the report", POST, "/api/portal/runs",
                        run.replace("partner-event-sales", "../../etc/passwd"), 400, 404),
                Hostile.partner("a report not granted", POST, "/api/portal/runs",
                        run.replace("partner-event-sales", "facilitated-sales"), 400, 404),
                Hostile.partner("a word for the limit", GET, "/api/portal/runs?limit=many", null, 400),
                Hostile.partner("a word for the run", GET, "/api/portal/runs/abc", null, 400),
                Hostile.partner("a negative run", GET, "/api/portal/runs/-1", null, 404),
                Hostile.partner("an unknown run", POST, "/api/portal/runs/424242/cancel", null, 404),
                Hostile.partner("an unknown run", GET, "/api/portal/runs/424242/withdrawn", null, 404),
                Hostile.partner("an unknown run", GET, "/api/portal/runs/424242/file", null, 404),
                Hostile.partner("SQL for the report", GET, "/api/portal/reports/" + DROP, null, 400, 404),
                Hostile.partner("the admin API", GET, "/api/admin/runs", null, 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiRequests")
    void aHostileApiRequestAnswersAProblemDetailWith4xxAndWritesNothing(Hostile hostile) throws Exception {
        Map<String, Long> before = rowCounts();

        MvcResult result = mvc.perform(send(hostile)).andReturn();

        int status = result.getResponse().getStatus();
        assertThat(Arrays.stream(hostile.statuses()).boxed().toList()).as(hostile + " answered " + status + ": "
                + abbreviated(result)).contains(status);
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("Exception", "at org.");
        if (result.getRequest().getRequestURI().startsWith("/api/")) {
            // Covers issue 13 item 7.
            assertThat(body.length()).as("a small answer: " + abbreviated(result)).isLessThan(2_000);
            assertThat(body).as("what was sent is not repeated: " + abbreviated(result)).doesNotContain(SENT);
        }
        // A 403 too, since the refusal of a signed-in account is a problem detail under /api/ (issue 15 item 5).
        assertThat(result.getResponse().getContentType()).as(hostile.toString())
                .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(body).contains("\"status\":" + status);
        if (status == 400) {
            assertThat(body).contains("\"detail\":");
        }
        // Covers issue 15 item 1: what a person reads of it (not the fields, which are the API's names for programs).
        assertThat(plainWords().offences(String.join("\n", readable(body)))).as(hostile + ": " + body).isEmpty();
        assertThat(rowCounts()).as("nothing was written").isEqualTo(before);
        stillUp();
    }

    static Stream<Arguments> numbersOutOfBounds() {
        return Stream.of(
                List.of("minAmount", "1e999999999", "must be less than 1,000,000,000"),
                List.of("minAmount", "-1", "cannot be negative"),
                List.of("minAmount", "0.001", "can have at most 2 decimal places"),
                List.of("minTickets", "1000000000000", "must be a whole number from 1 to 100,000"))
                .flatMap(number -> Stream.of("the portal, as an object", "the portal, as text")
                        .map(way -> Arguments.of(number.get(0), number.get(1), number.get(2), way)));
    }

    /**
     * Covers issue 13 item 9: a number of a customer list beyond its bounds is a 400 with a field error in words, the
     * same whichever way the definition comes: to the portal's API as a JSON object or as text (the command line's is
     * in BadInputCommandLineIntegrationTests). A schedule no longer takes a list's definition: it runs a saved list.
     */
    @ParameterizedTest(name = "{0} {1} to {3}")
    @MethodSource("numbersOutOfBounds")
    void aNumberOfACustomerListBeyondItsBoundsIsAFieldErrorInWords(String property, String value, String message,
            String way) throws Exception {
        String segment = property.equals("minAmount")
                ? "{\"type\": \"purchasing\", \"groupBy\": \"OWNER\", \"kinds\": [\"TICKET\"], \"partnerCompany\":"
                        + " \"run\", \"minAmount\": " + value + "}"
                : "{\"type\": \"booking\", \"groupBy\": \"OWNER\", \"partnerCompany\": \"run\", \"minTickets\": "
                        + value + "}";
        String list = "{\"name\": \"Big spenders\", \"segments\": [" + segment + "], \"columns\": [\"id\"]}";
        Hostile request = switch (way) {
            case "the portal, as an object" -> Hostile.partner(way, HttpMethod.POST, "/api/portal/runs",
                    "{\"report\": \"customer-list\", \"format\": \"CSV\", \"parameters\": {\"list\": " + list + "}}");
            default -> Hostile.partner(way, HttpMethod.POST, "/api/portal/runs",
                    "{\"report\": \"customer-list\", \"format\": \"CSV\", \"parameters\": {\"list\": \"" + json(list)
                            + "\"}}");
        };
        Map<String, Long> before = rowCounts();

        MvcResult result = mvc.perform(send(request)).andReturn();

        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(400);
        assertThat(JsonPath.<List<Map<String, String>>>read(body, "$.errors")).as(body).contains(Map.of(
                "field", "list.segments[0]." + property,
                "message", message));
        assertThat(rowCounts()).as("nothing was written").isEqualTo(before);
    }

    /** Covers issue 13 item 7: an answer is bounded however many problems a request has. */
    @Test
    void aRequestWithAThousandProblemsAnswersTheFirstTwenty() throws Exception {
        String columns = IntStream.range(0, 1_000).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(", "));
        Hostile request = Hostile.partner("a thousand unknown columns", HttpMethod.POST, "/api/portal/runs",
                "{\"report\": \"customer-list\", \"format\": \"CSV\", \"parameters\": {\"list\": {\"name\": \"L\","
                        + " \"segments\": [{\"type\": \"has-email\"}], \"columns\": [" + columns + "]}}}");

        MvcResult result = mvc.perform(send(request)).andReturn();

        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(body).hasSizeLessThan(8_000);
        assertThat(JsonPath.<String>read(body, "$.detail"))
                .isEqualTo("The request cannot be accepted; the first 20 of its 1000 problems are listed");
        assertThat(JsonPath.<List<Map<String, String>>>read(body, "$.errors")).hasSize(20)
                .allSatisfy(error -> assertThat(error.get("message")).startsWith("is not a known column; use id,"));
    }

    static Stream<Hostile> pageRequests() {
        HttpMethod POST = HttpMethod.POST;
        return Stream.of(
                new Hostile("a blank name", Who.ADMIN, POST, "/admin/partners", "name=+++", form(), 400),
                new Hostile("NUL and control characters in the name", Who.ADMIN, POST, "/admin/partners",
                        "name=" + urlEncoded(WEIRD), form(), 400),
                new Hostile("a 10 MB name", Who.ADMIN, POST, "/admin/partners", "name=" + HUGE, form(), 413),
                new Hostile("a word for the company", Who.ADMIN, POST, "/admin/partners/abc", "name=X", form(), 400),
                new Hostile("cron nonsense", Who.ADMIN, POST, "/admin/schedules", "name=Weekly&savedReport={saved}"
                        + "&format=XLSX&whenMode=CRON&cron=61+*+*+*+*+*&timeZone=Europe%2FLondon"
                        + "&fanOut=ONE_PARTNER&partnerCompanyId={company}&parameters%5Bperiod%5D=previous-week"
                        + "&deliveryMode=ATTACHMENT&recipients=ops%40venue.example", form(), 400),
                new Hostile("an unknown customer", Who.ADMIN, POST, "/admin/customers/424242/erasure", "", form(), 404),
                new Hostile("a reversed period", Who.PARTNER, POST, "/portal/reports/partner-event-sales/runs",
                        "period=2026-12-01..2026-01-01&format=CSV", form(), 400),
                new Hostile("SQL for the period", Who.PARTNER, POST, "/portal/reports/partner-event-sales/runs",
                        "period=" + urlEncoded(DROP) + "&format=CSV", form(), 400),
                new Hostile("a word for the run", Who.PARTNER, POST, "/portal/runs/abc/cancel", "", form(), 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageRequests")
    void aHostileFormAnswers4xxAndWritesNothing(Hostile hostile) throws Exception {
        Map<String, Long> before = rowCounts();

        MvcResult result = mvc.perform(send(hostile)).andReturn();

        int status = result.getResponse().getStatus();
        assertThat(Arrays.stream(hostile.statuses()).boxed().toList()).as(hostile + " answered " + status + ": "
                + abbreviated(result)).contains(status);
        String page = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("Exception", "at org.");
        // Covers issue 15 item 1: the page's visible text.
        assertThat(plainWords().offences(PlainWords.visibleText(Jsoup.parse(page)))).as(hostile.toString()).isEmpty();
        assertThat(rowCounts()).as("nothing was written").isEqualTo(before);
        stillUp();
    }

    private PlainWords plainWords() {
        return new PlainWords(catalogue.all().stream().map(report -> report.id()).toList());
    }

    /** The texts of a problem detail written for people: its title, detail and the messages of its errors. */
    private static List<String> readable(String body) {
        List<String> texts = new ArrayList<>();
        for (String path : List.of("$.title", "$.detail")) {
            Object text = readOrNull(body, path);
            if (text != null) {
                texts.add(text.toString());
            }
        }
        Object messages = readOrNull(body, "$.errors[*].message");
        if (messages instanceof List<?> list) {
            list.forEach(message -> texts.add(String.valueOf(message)));
        }
        return texts;
    }

    private static Object readOrNull(String body, String path) {
        try {
            return JsonPath.read(body, path);
        }
        catch (PathNotFoundException ex) {
            return null;
        }
    }

    @Test
    void sqlMetacharactersAndUnicodeInAValidNameAreStoredAsTextNotRun() throws Exception {
        String name = DROP + " \u00C9mile & \u5F71 \uD83C\uDFAD";
        MvcResult created = mvc.perform(send(Hostile.admin("a name", HttpMethod.POST,
                "/api/admin/partner-companies", "{\"name\": \"" + json(name) + "\"}", 201))).andReturn();

        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from partner_company where name = :name").param("name", name)
                .query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isNotNegative();
        stillUp();
    }

    private MockHttpServletRequestBuilder send(Hostile hostile) {
        MockHttpServletRequestBuilder request = request(hostile.method(),
                hostile.path().replace("{company}", String.valueOf(company.id())))
                .with(TestAccounts.as(hostile.who() == Who.ADMIN ? admin : partnerUser)).with(csrf())
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML);
        if (hostile.body() != null) {
            request.contentType(hostile.type())
                    .content(hostile.body().replace("{company}", String.valueOf(company.id()))
                            .replace("{saved}", String.valueOf(grants.standard("partner-event-sales").orElseThrow()
                                    .id()))
                            .getBytes(StandardCharsets.UTF_8));
        }
        return request;
    }

    /** The application still does its normal work. */
    private void stillUp() throws Exception {
        MvcResult companies = mvc.perform(get("/api/admin/partner-companies").with(TestAccounts.as(admin))
                .accept(MediaType.APPLICATION_JSON)).andReturn();
        assertThat(companies.getResponse().getStatus()).isEqualTo(200);
        assertThat(companies.getResponse().getContentAsString()).contains("Northern Lights Productions");
    }

    private Map<String, Long> rowCounts() {
        return TableRowCounts.of(jdbc);
    }

    private static String abbreviated(MvcResult result) throws Exception {
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }

    private static String form() {
        return MediaType.APPLICATION_FORM_URLENCODED_VALUE;
    }

    private static String urlEncoded(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A value as a JSON string's content. */
    private static String json(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            }
            else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            }
            else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
