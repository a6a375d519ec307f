package org.stagedoor.batch.customerlist;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.booking.preference.PreferenceState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.groups.Tuple.tuple;

/** Reading definitions from JSON and the checks that need no run. */
class CustomerListParsingTests {

    private final CustomerListCompiler compiler = new CustomerListCompiler(JsonMapper.builder().build(),
            new KnownIds(Set.of(), Set.of()));

    @Test
    void readsEverySegmentTypeOfTheDocumentedExample() {
        CustomerListDefinition definition = compiler.parse("""
                { "name": "Opted-in with email",
                  "segments": [
                    {"type": "has-email"},
                    {"operator": "AND", "type": "partner-preference", "partnerCompany": "run", "states": ["YES"]},
                    {"operator": "EXCEPT", "type": "booking", "groupBy": "OWNER", "partnerCompany": 7,
                     "eventIds": [12, 13], "period": "previous-month", "minTickets": 2},
                    {"operator": "OR", "type": "purchasing", "groupBy": "FACILITATOR",
                     "kinds": ["MEMBERSHIP", "DONATION", "TICKET"], "minAmount": 50.10, "period": "last-90-days",
                     "partnerCompany": "run"}
                  ],
                  "columns": ["id", "first_name", "last_name", "email"] }
                """);

        assertThat(definition.name()).isEqualTo("Opted-in with email");
        assertThat(definition.segments()).containsExactly(
                new Segment.HasEmail(null, true),
                new Segment.PartnerPreference(SetOperator.AND, PartnerRef.RUN, Set.of(PreferenceState.YES)),
                new Segment.Booking(SetOperator.EXCEPT, GroupBy.OWNER, PartnerRef.of(7), List.of(12L, 13L),
                        PeriodSpec.previousMonth(), 2),
                new Segment.Purchasing(SetOperator.OR, GroupBy.FACILITATOR,
                        Set.of(PurchaseKind.MEMBERSHIP, PurchaseKind.DONATION, PurchaseKind.TICKET),
                        new BigDecimal("50.10"), PeriodSpec.lastDays(90), PartnerRef.RUN));
        assertThat(definition.columns()).containsExactly("id", "first_name", "last_name", "email");
    }

    @Test
    void leavesOutOptionalPropertiesWithTheirDocumentedDefaults() {
        CustomerListDefinition definition = compiler.parse("""
                { "name": "Defaults",
                  "segments": [
                    {"type": "has-email", "value": false},
                    {"operator": "OR", "type": "booking", "groupBy": "OWNER", "period": null},
                    {"operator": "OR", "type": "purchasing", "groupBy": "OWNER", "kinds": ["DONATION"]}
                  ],
                  "columns": ["id"] }
                """);

        assertThat(definition.segments()).containsExactly(
                new Segment.HasEmail(null, false),
                new Segment.Booking(SetOperator.OR, GroupBy.OWNER, null, null, null, 1),
                new Segment.Purchasing(SetOperator.OR, GroupBy.OWNER, Set.of(PurchaseKind.DONATION), BigDecimal.ZERO,
                        null, null));
    }

    @Test
    void refusesTextThatIsNotJsonSayingWhere() {
        assertThat(errors("{ \"name\": \"Broken\",\n  \"segments\": [ }"))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("definition");
                    assertThat(error.message()).startsWith("is not valid JSON at line 2");
                });
        assertThat(errors("")).extracting(FieldError::field).containsExactly("definition");
        assertThat(errors("[1, 2]")).extracting(FieldError::message)
                .containsExactly("must be a JSON object with name, segments and columns");
    }

    @Test
    void refusesAPropertyGivenTwiceRatherThanKeepingTheLast() {
        assertThat(errors("""
                {"name": "Twice", "segments": [{"type": "has-email"}], "columns": ["id"], "columns": ["email"]}
                """)).extracting(FieldError::field).containsExactly("definition");
    }

    @Test
    void refusesUnknownSegmentTypesAndOperatorsNamingTheAcceptedOnes() {
        assertThat(errors(list("""
                {"type": "has-email"},
                {"operator": "XOR", "type": "has-email"},
                {"operator": "AND", "type": "loyalty"}
                """))).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("segments[1].operator", "is not an operator; use AND, OR or EXCEPT"),
                tuple("segments[2].type",
                        "is not a segment type; use has-email, partner-preference, booking or purchasing"));
    }

    @Test
    void refusesAnOperatorOnTheFirstSegmentAndNoneOnALaterOne() {
        assertThat(errors(list("""
                {"operator": "AND", "type": "has-email"},
                {"type": "has-email", "value": false}
                """))).extracting(FieldError::field).containsExactly("segments[0].operator", "segments[1].operator");
    }

    @Test
    void refusesAListWithoutSegments() {
        assertThat(errors("""
                {"name": "Nobody", "segments": [], "columns": ["id"]}
                """)).extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("segments", "at least one segment is required"));
    }

    @Test
    void refusesMoreThanFiftySegments() {
        String segments = "{\"type\": \"has-email\"}" + IntStream.range(0, 50)
                .mapToObj(i -> ", {\"operator\": \"OR\", \"type\": \"has-email\"}").collect(Collectors.joining());

        assertThat(errors(list(segments))).extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("segments", "at most 50 segments, not 51"));
        assertThat(errors(list(segments + ", {\"operator\": \"OR\", \"type\": \"hasEmail\"}")))
                .extracting(FieldError::field).containsExactly("segments[51].type", "segments");
    }

    @Test
    void refusesAPreferenceSegmentWithoutStatesOrPartnerCompany() {
        assertThat(errors(list("""
                {"type": "partner-preference", "partnerCompany": 3, "states": []},
                {"operator": "OR", "type": "partner-preference", "states": ["NO"]}
                """))).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("segments[0].states", "choose at least one of YES, NO or NOT_ASKED"),
                tuple("segments[1].partnerCompany", "is required: a partner company's id or \"run\""));
    }

    @Test
    void refusesAnUnknownPeriodUnderTheSegmentsFieldNamingTheAcceptedForms() {
        assertThat(errors(list("""
                {"type": "booking", "groupBy": "OWNER", "period": "last-week"}
                """))).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("segments[0].period");
                    assertThat(error.message()).contains("previous-week", "last-N-days", "YYYY-MM-DD..YYYY-MM-DD");
                });
    }

    @Test
    void refusesFewerThanOneTicketAndANegativeAmount() {
        assertThat(errors(list("""
                {"type": "booking", "groupBy": "OWNER", "minTickets": 0},
                {"operator": "OR", "type": "booking", "groupBy": "OWNER", "minTickets": 1.5},
                {"operator": "OR", "type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": -0.01}
                """))).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("segments[1].minTickets", "must be a whole number"),
                tuple("segments[0].minTickets", "must be a whole number from 1 to 100,000"),
                tuple("segments[2].minAmount", "cannot be negative"));
    }

    /** Covers issue 13 item 9: a number out of range is refused in words, not read as "any amount". */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            minAmount  | 1e999999999          | must be less than 1,000,000,000
            minAmount  | 1000000000           | must be less than 1,000,000,000
            minAmount  | 1E+9                 | must be less than 1,000,000,000
            minAmount  | 0.001                | can have at most 2 decimal places
            minAmount  | 1e-999999999         | can have at most 2 decimal places
            minTickets | 1000000000000        | must be a whole number from 1 to 100,000
            minTickets | -1000000000000       | must be a whole number from 1 to 100,000
            minTickets | 99999999999999999999 | must be a whole number from 1 to 100,000
            minTickets | 100001               | must be a whole number from 1 to 100,000
            """)
    void refusesANumberBeyondItsBoundsInWords(String property, String value, String message) {
        String segment = property.equals("minAmount")
                ? "{\"type\": \"purchasing\", \"groupBy\": \"OWNER\", \"kinds\": [\"TICKET\"], \"minAmount\": " + value
                        + "}"
                : "{\"type\": \"booking\", \"groupBy\": \"OWNER\", \"minTickets\": " + value + "}";

        List<FieldError> errors = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errors(list(segment)));

        assertThat(errors).extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("segments[0]." + property, message));
    }

    /** Covers issue 13 item 9: the bounds themselves are accepted, whatever way the number is written. */
    @Test
    void acceptsNumbersUpToTheirBounds() {
        CustomerListDefinition definition = compiler.parse(list("""
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": 999999999.99},
                {"operator": "OR", "type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": 2.500},
                {"operator": "OR", "type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": 1E+2},
                {"operator": "OR", "type": "booking", "groupBy": "OWNER", "minTickets": 100000}
                """));

        assertThat(definition.segments()).extracting(segment -> segment instanceof Segment.Purchasing purchasing
                ? purchasing.minAmount().toPlainString() : String.valueOf(((Segment.Booking) segment).minTickets()))
                .containsExactly("999999999.99", "2.500", "100", "100000");
    }

    /** Covers issue 13 item 9: a list of events is bounded too. */
    @Test
    void refusesMoreThanAThousandEventIds() {
        String ids = IntStream.rangeClosed(1, 1001).mapToObj(String::valueOf).collect(Collectors.joining(", "));

        assertThat(errors(list("{\"type\": \"booking\", \"groupBy\": \"OWNER\", \"eventIds\": [" + ids + "]}")))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("segments[0].eventIds", "lists more than 1000 events"));
    }

    /** Covers F-10: the grouping is chosen explicitly, per segment. */
    @Test
    void refusesABookingOrPurchasingSegmentThatDoesNotSayWhomToGroupBy() {
        assertThat(errors(list("""
                {"type": "booking", "partnerCompany": 1},
                {"operator": "OR", "type": "purchasing", "kinds": ["TICKET"], "groupBy": "BOTH"}
                """))).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("segments[1].groupBy", "is not a grouping; use OWNER or FACILITATOR"),
                tuple("segments[0].groupBy",
                        "is required: whom the orders are counted for, their owner or the person who made them"));
    }

    @Test
    void refusesAPurchasingSegmentWithoutKindsAndAnEmptyEventList() {
        assertThat(errors(list("""
                {"type": "purchasing", "groupBy": "OWNER", "kinds": []},
                {"operator": "OR", "type": "booking", "groupBy": "OWNER", "eventIds": []}
                """))).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("segments[0].kinds", "choose at least one of MEMBERSHIP, DONATION or TICKET"),
                tuple("segments[1].eventIds", "lists no event; leave it out to count every event"));
    }

    /** Values never reach the SQL as text: anything but a known name, a number or "run" is refused. */
    @ParameterizedTest
    @ValueSource(strings = { "\"1; drop table customer\"", "\"7\"", "7.5", "true", "[7]" })
    void refusesAPartnerCompanyThatIsNeitherANumberNorRun(String value) {
        assertThat(errors(list("""
                {"type": "partner-preference", "partnerCompany": %s, "states": ["YES"]}
                """.formatted(value)))).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("segments[0].partnerCompany");
                    assertThat(error.message()).startsWith("must be a partner company's id (a number) or \"run\"");
                });
    }

    @Test
    void refusesAStateThatIsNotOneOfTheThree() {
        assertThat(errors(list("""
                {"type": "partner-preference", "partnerCompany": 1, "states": ["YES", "1; drop table customer", "yes"]}
                """))).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("segments[0].states[1]", "is not a state; use YES, NO or NOT_ASKED"),
                tuple("segments[0].states[2]", "is not a state; use YES, NO or NOT_ASKED"));
    }

    @Test
    void refusesEventIdsThatAreNotNumbers() {
        assertThat(errors(list("""
                {"type": "booking", "groupBy": "OWNER", "eventIds": [12, "13) or (1=1", 0]}
                """))).extracting(FieldError::field)
                .containsExactly("segments[0].eventIds[1]", "segments[0].eventIds[2]");
    }

    @Test
    void refusesUnknownAndRepeatedColumnsAtTheirPlaceInTheList() {
        List<FieldError> errors = errors("""
                {"name": "Columns", "segments": [{"type": "has-email"}],
                 "columns": ["id", "email", "password", "email"]}
                """);

        assertThat(errors).extracting(FieldError::field).containsExactly("columns[2]", "columns[3]");
        assertThat(errors.get(0).message()).startsWith("is not a known column; use id, title, first_name");
        assertThat(errors.get(1).message()).isEqualTo("email is chosen twice");
    }

    @Test
    void refusesAListWithoutNameOrColumns() {
        assertThat(errors("""
                {"segments": [{"type": "has-email"}], "columns": []}
                """)).extracting(FieldError::field).containsExactly("name", "columns");
    }

    @Test
    void refusesMisspeltPropertiesRatherThanIgnoringThem() {
        assertThat(errors(list("""
                {"type": "booking", "groupBy": "OWNER", "minTicket": 5}
                """))).extracting(FieldError::field, FieldError::message).containsExactly(tuple("segments[0]",
                "has a property that is not one of those of booking segments: type, operator, groupBy, partnerCompany,"
                        + " eventIds, period, minTickets"));
        assertThat(errors("""
                {"name": "Extra", "segments": [{"type": "has-email"}], "columns": ["id"], "owner": "me"}
                """)).extracting(FieldError::field, FieldError::message).containsExactly(tuple("definition",
                "has a property that is not one of those of a customer list: name, segments, columns"));
    }

    /**
     * Covers issue 13 item 7: a message names the field and says what is wrong in words of its own; the author's text
     * (an unknown property, type, state, column, a value of the wrong kind, what the JSON parser could not read) is
     * never repeated, neither in the message nor in the field.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": \"x\", \"segments\": [{\"type\": \"has-email\", \"MARK\": 1}], \"columns\": [\"id\"]}",
            "{\"name\": \"x\", \"segments\": [{\"type\": \"has-email\"}], \"columns\": [\"id\"], \"MARK\": 1}",
            "{\"name\": \"x\", \"segments\": [{\"type\": \"MARK\"}], \"columns\": [\"id\"]}",
            "{\"name\": \"x\", \"segments\": [{\"type\": \"has-email\"}], \"columns\": [\"MARK\"]}",
            "{\"name\": \"x\", \"segments\": [{\"type\": \"has-email\", \"operator\": \"MARK\"}],"
                    + " \"columns\": [\"id\"]}",
            "{\"name\": \"x\", \"segments\": [{\"type\": \"partner-preference\", \"partnerCompany\": \"MARK\","
                    + " \"states\": [\"MARK\"]}], \"columns\": [\"id\"]}",
            "{\"name\": \"x\", \"segments\": [{\"type\": \"booking\", \"groupBy\": \"MARK\", \"eventIds\": [\"MARK\"],"
                    + " \"minTickets\": \"MARK\", \"period\": \"MARK\"}], \"columns\": [\"id\"]}",
            "{\"name\": \"x\", \"segments\": [{\"type\": \"purchasing\", \"groupBy\": \"OWNER\", \"kinds\": [\"MARK\"],"
                    + " \"minAmount\": \"MARK\"}], \"columns\": [\"id\"]}",
            "{\"name\": \"x\", \"segments\": [{\"type\": \"booking\", \"groupBy\": \"OWNER\", \"period\":"
                    + " \"2026-02-31..2026-03-01\"}], \"columns\": [\"id\"]}",
            "{\"name\": \"x\", \"segments\": [MARK]}",
            "{\"name\": \"x\", \"MARK\": 1, \"MARK\": 2}" })
    void noMessageRepeatsTheAuthorsText(String json) {
        String mark = "Zq" + "x".repeat(10_000);

        List<FieldError> errors = errors(json.replace("MARK", mark));

        assertThat(errors).isNotEmpty().allSatisfy(error -> {
            assertThat(error.field()).doesNotContain("Zq", "2026-02-31").hasSizeLessThan(40);
            assertThat(error.message()).doesNotContain("Zq", "2026-02-31").hasSizeLessThan(300);
        });
    }

    @Test
    void reportsEveryProblemAtOnce() {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> compiler.parse("""
                {"name": " ",
                 "segments": [{"operator": "OR", "type": "partner-preference", "states": []},
                              {"type": "booking", "groupBy": "OWNER", "period": "yesterday"}],
                 "columns": ["shoe_size"]}
                """));

        assertThat(refused.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("name",
                "segments[0].operator", "segments[0].partnerCompany", "segments[0].states", "segments[1].operator",
                "segments[1].period", "columns[0]");
    }

    private List<FieldError> errors(String json) {
        return catchThrowableOfType(InvalidRequestException.class, () -> compiler.parse(json)).errors();
    }

    /** A definition with these segments and an id column. */
    private static String list(String segments) {
        return "{\"name\": \"Test list\", \"segments\": [" + segments + "], \"columns\": [\"id\"]}";
    }
}
