package org.stagedoor.batch.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV a run writes, a customer list run as a job, and retention of finished files. */
@SpringBootTest
@Import(ReportJobIntegrationTests.FixedClock.class)
class RunOutputsIntegrationTests extends VenueIntegrationTest {

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    RunRecords records;

    @Autowired
    Clock clock;

    @Test
    void theOptInListAsCsvReadsBackWithItsHeaderAndInertFormulas() throws IOException, CsvException {
        ReportRun run = launcher.run(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.CSV, "tests"));

        List<String[]> rows = csv(Path.of(run.location()));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("Customer id", "Title", "First name", "Last name", "Email",
                "Preference set at", "Preference channel");
        assertThat(rows.get(1)[0]).isEqualTo("1");
        assertThat(rows.get(1)[4]).isEqualTo("ada@example.org");
        assertThat(rows.get(2)[2]).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(run.fileName()).endsWith(".csv");
    }

    @Test
    @DisplayName("covers issue 13 item 8: the XLSX keeps a formula-like name exactly, the CSV quotes it")
    void aFormulaLikeNameIsExactInTheXlsxAndQuotedInTheCsvOfTheSameList() throws IOException, CsvException {
        String stored = "=HYPERLINK(\"http://x\",\"y\")";
        ReportRun xlsx = launcher.run(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.XLSX, "tests"));
        ReportRun csv = launcher.run(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.CSV, "tests"));

        // Spreadsheets refuses formula cells, so this is a text cell.
        assertThat(Spreadsheets.rows(Path.of(xlsx.location())).get(2).get(2)).isEqualTo(stored);
        assertThat(csv(Path.of(csv.location())).get(2)[2]).isEqualTo("'" + stored);
    }

    @Test
    void aCustomerListForAPartnerHoldsOnlyCustomersWhoSaidYesToIt() throws IOException, CsvException {
        // covers: everyone with an email, for partner 1 → only Ada and Mallory (YES at the run)
        ReportRun run = launcher.run(new RunRequest("customer-list", 1L, Map.of("list", """
                {"name": "Everyone with an email", "segments": [{"type": "has-email"}],
                 "columns": ["id", "first_name", "email"]}
                """), OutputFormat.CSV, "tests"));

        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(csv(Path.of(run.location()))).extracting(row -> row[0]).containsExactly("Customer id", "1", "4");
    }

    @Test
    void aPreferenceChangedAfterTheCutoffDoesNotChangeTheRun() throws IOException, CsvException {
        // covers R-6 and P-8: Ada says NO on 25 Oct, after the cut-off (20 Oct); Ben said NO on 12 Oct, before it.
        jdbc.sql("""
                update partner_preference set state = 'NO', set_at = '2026-10-25 09:00:00+00', channel = 'ACCOUNT_PAGE'
                 where customer_id = 1 and partner_company_id = 1
                """).update();

        ReportRun list = launcher.run(new RunRequest("customer-list", 1L, Map.of("list", """
                {"name": "Everyone with an email", "segments": [{"type": "has-email"}],
                 "columns": ["id", "preference_set_at"]}
                """), OutputFormat.CSV, "tests"));
        ReportRun optIn = launcher.run(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.CSV, "tests"));

        assertThat(csv(Path.of(list.location()))).extracting(row -> row[0]).containsExactly("Customer id", "1", "4");
        assertThat(csv(Path.of(optIn.location()))).extracting(row -> row[0]).containsExactly("Customer id", "1", "4");
    }

    @Test
    void housekeepingDeletesExpiredFilesAndTheRunRecordSaysSo() throws IOException {
        ReportRun run = launcher.run(new RunRequest("partner-event-sales", 1L,
                Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.XLSX, "tests"));
        assertThat(housekeeping.deleteExpiredFiles()).isZero();
        assertThat(Path.of(run.location())).exists();

        jdbc.sql("update report_run set expires_at = :past where id = :id")
                .param("past", java.sql.Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))))
                .param("id", run.id()).update();

        assertThat(housekeeping.deleteExpiredFiles()).isEqualTo(1);
        assertThat(Path.of(run.location())).doesNotExist();
        ReportRun expired = records.get(run.id());
        assertThat(expired.status()).isEqualTo(RunStatus.EXPIRED);
        assertThat(expired.fileDeletedAt()).isNotNull();
        // What was produced stays on record after the file is gone.
        assertThat(expired.sha256()).isEqualTo(run.sha256());
        assertThat(expired.rowCount()).isEqualTo(2);
    }

    private static List<String[]> csv(Path file) throws IOException, CsvException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVReader csv = new CSVReader(reader)) {
            return csv.readAll();
        }
    }
}
