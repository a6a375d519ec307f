package org.stagedoor.batch.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests that cannot be run are refused with the problem named, and leave no run and no file behind. */
@SpringBootTest
class RunValidationIntegrationTests extends VenueIntegrationTest {

    @Test
    void anUnknownReportIsNamed() {
        assertRefused(request("weekly-gossip", 1L, Map.of()), "report", "is not a known report");
    }

    @Test
    void anUnknownPartnerCompanyIsNamed() {
        assertRefused(request("partner-event-sales", 99L, Map.of("period", "previous-week")), "partner",
                "no partner company has this id");
    }

    @Test
    void aVenueOnlyReportCannotBeRunForAPartner() {
        assertRefused(request("facilitated-sales", 1L, Map.of("period", "previous-week")), "partner",
                "for the venue only");
    }

    @Test
    void aPartnerReportNeedsItsPartnerCompany() {
        // covers R-1: the partner is the run's, never a free parameter
        assertRefused(request("partner-event-sales", null, Map.of("period", "previous-week")), "partner",
                "runs for one partner company");
        assertRefused(request("partner-event-sales", 1L, Map.of("period", "previous-week", "partner", "2")),
                "parameters", "names a setting \"Event sales\" does not have; it takes period");
    }

    @Test
    void aReversedPeriodIsRefused() {
        assertRefused(request("partner-event-sales", 1L, Map.of("period", "2026-10-11..2026-10-05")), "period",
                "ends before it starts");
    }

    @Test
    void aPeriodLongerThanTheConfiguredMaximumIsRefused() {
        assertRefused(request("partner-event-sales", 1L, Map.of("period", "2024-01-01..2026-01-01")), "period",
                "the longest allowed is " + settings.maxPeriodDays());
    }

    @Test
    void aBadCustomerListDefinitionIsRefusedWithItsFieldPath() {
        assertRefused(request("customer-list", 1L, Map.of("list", """
                {"name": "x", "segments": [{"type": "partner-preference", "partnerCompany": 2, "states": ["YES"]}],
                 "columns": ["id", "email"]}
                """)), "list.segments[0].partnerCompany", "cannot select on another partner company");
        assertRefused(request("customer-list", null, Map.of("list", "{not json")), "list", "is not valid JSON");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> launcher.run(new RunRequest("partner-event-sales", null,
                Map.of("period", "sometime", "colour", "red"), null, " ")))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(ex -> ((InvalidRequestException) ex).errors().stream().map(FieldError::field).sorted()
                        .toList())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("format", "parameters", "partner", "period", "requestedBy");
        assertNothingCreated();
    }

    private void assertRefused(RunRequest request, String field, String messagePart) {
        assertThatThrownBy(() -> launcher.run(request))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(ex -> ((InvalidRequestException) ex).errors())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(FieldError.class))
                .anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo(field);
                    assertThat(error.message()).contains(messagePart);
                });
        assertNothingCreated();
    }

    private void assertNothingCreated() {
        assertThat(jdbc.sql("select count(*) from report_run").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from batch_job_execution").query(Integer.class).single()).isZero();
        Path directory = settings.directory();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                assertThat(files.filter(file -> file.getFileName().toString().endsWith(".part"))).isEmpty();
            }
            catch (IOException ex) {
                throw new AssertionError(ex);
            }
        }
    }

    private static RunRequest request(String report, Long partner, Map<String, String> parameters) {
        return new RunRequest(report, partner, parameters, OutputFormat.CSV, "tests");
    }
}
