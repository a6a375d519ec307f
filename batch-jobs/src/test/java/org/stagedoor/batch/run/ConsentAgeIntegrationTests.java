package org.stagedoor.batch.run;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ListCounts.ListCount;

import static org.assertj.core.api.Assertions.assertThat;

/** With the consent-age setting on, an old YES no longer lets personal data out. */
@SpringBootTest(properties = "stagedoor.sharing.consent-max-age=30d")
@Import(ReportJobIntegrationTests.FixedClock.class)
class ConsentAgeIntegrationTests extends VenueIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ListCounts counts;

    @Test
    void consentOlderThanTheConfiguredAgeIsLeftOut() throws IOException {
        // Cut-off 20 Oct 2026 13:00 London; 30 days before: 20 Sep 13:00 London (12:00 UTC). Ada's YES dates from
        // 1 Sep: left out. Mallory's from 1 Oct: in.
        ReportRun run = launcher.run(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.XLSX, "tests"));

        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(Spreadsheets.rows(Path.of(run.location()))).extracting(row -> row.get(0))
                .containsExactly("Customer id", 4.0);
        Instant notBefore = Instant.parse("2026-09-20T12:00:00Z");
        assertThat(run.parametersResolved()).containsEntry("consentNotBefore", notBefore.toString());
        assertThat(jdbc.sql("select consent_not_before from run_manifest where run_id = :run").param("run", run.id())
                .query(Timestamp.class).single().toInstant()).isEqualTo(notBefore);
        assertThat(jdbc.sql("select customer_id from sharing_ledger where run_id = :run").param("run", run.id())
                .query(Long.class).list()).containsExactly(4L);
    }

    @Test
    void aCustomerListForAPartnerKeepsTheSameLimit() {
        String everyone = """
                {"name": "Everyone", "segments": [{"type": "has-email"}, {"operator": "OR", "type": "has-email",
                 "value": false}], "columns": ["id"]}
                """;
        ReportRun run = launcher.run(new RunRequest("customer-list", 1L, Map.of("list", everyone), OutputFormat.CSV,
                "tests"));

        // Nora's YES (15 Sep) is too old as well: only Mallory.
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.rowCount()).isEqualTo(1);
        // The count keeps the limit too, though the company's YES customers are three (covers issue 14 item 3).
        assertThat(counts.count(everyone, 1L, "tests").funnel().shared()).isEqualTo(1L);
    }

    @Test
    void aCountOfAListWithBookingsKeepsTheSameLimit() {
        String bookersOrYes = """
                {"name": "Bookers or yes", "segments": [{"type": "booking", "groupBy": "OWNER",
                 "partnerCompany": "run", "period": "last-30-days"}, {"operator": "OR",
                 "type": "partner-preference", "partnerCompany": "run", "states": ["YES"]}], "columns": ["id"]}
                """;
        ReportRun run = launcher.run(new RunRequest("customer-list", 1L, Map.of("list", bookersOrYes),
                OutputFormat.CSV, "tests"));

        // Ada, Kim, Ben and Dee booked; Ada, Mallory and Nora said YES, but only Mallory's is young enough.
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.rowCount()).isEqualTo(1);
        ListCount count = counts.count(bookersOrYes, 1L, "tests");
        assertThat(count.funnel().matched()).isEqualTo(6L);
        assertThat(count.funnel().shared()).isEqualTo(1L);
    }
}
