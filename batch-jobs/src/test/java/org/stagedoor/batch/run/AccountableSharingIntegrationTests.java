package org.stagedoor.batch.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.booking.erasure.CustomerErasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accountable sharing (R-6, P-8): consent judged at the run's cut-off, the sharing ledger and manifest of every
 * personal-data run for a partner company, withdrawal notices and the data-sharing agreement's columns. On the
 * hand-built venue (venue.sql): for Northern Lights (partner 1) Ada (1, YES since 1 Sep, box office) and Mallory
 * (4, YES since 1 Oct, online checkout) have an email and said YES; Ben (2) said NO on 12 Oct; Nora (6) said YES
 * but has no email.
 */
@SpringBootTest
@Import(AccountableSharingIntegrationTests.SettableClockConfiguration.class)
class AccountableSharingIntegrationTests extends VenueIntegrationTest {

    static final Instant FIRST_CUTOFF = Instant.parse("2026-10-20T12:00:00Z");

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SettableClock clock;

    @Autowired
    CustomerErasure erasure;

    @BeforeEach
    void firstCutoff() {
        clock.set(FIRST_CUTOFF);
    }

    @Test
    void aCustomerWhoSaysNoBeforeTheCutOffIsNotExportedAndIsInThePartnersNextWithdrawalNotice() throws IOException {
        // covers R-6, P-8
        ReportRun first = optIn(OutputFormat.XLSX);
        assertThat(ids(first)).containsExactly(1L, 4L);
        assertThat(Spreadsheets.sheetNames(Path.of(first.location()))).containsExactly("Data", "About");

        preference(1, "NO", "2026-10-21T09:00:00Z", "ACCOUNT_PAGE");
        clock.set(Instant.parse("2026-10-22T12:00:00Z"));
        ReportRun second = optIn(OutputFormat.XLSX);

        assertThat(ids(second)).containsExactly(4L);
        assertThat(Spreadsheets.rows(Path.of(second.location()), "Withdrawn")).containsExactly(
                List.of("Customer id", "Email", "Withdrawn", "Since"),
                List.of(1.0, "ada@example.org", "Said no", LocalDateTime.of(2026, 10, 21, 10, 0)));
        assertThat(jdbc.sql("""
                select customer_id, partner_company_id, state, withdrawn_at, shared_email
                  from withdrawal_notice where run_id = :run
                """).param("run", second.id()).query().listOfRows()).singleElement().satisfies(notice -> {
                    assertThat(notice.get("customer_id")).isEqualTo(1L);
                    assertThat(notice.get("partner_company_id")).isEqualTo(1L);
                    assertThat(notice.get("state")).isEqualTo("NO");
                    assertThat(((Timestamp) notice.get("withdrawn_at")).toInstant()).isEqualTo("2026-10-21T09:00:00Z");
                    assertThat(notice.get("shared_email")).isEqualTo("ada@example.org");
                });
        assertThat(manifest(second).get("withdrawn_count")).isEqualTo(1L);

        // Told once: the list after that one has nothing withdrawn.
        clock.set(Instant.parse("2026-10-23T12:00:00Z"));
        ReportRun third = optIn(OutputFormat.XLSX);
        assertThat(Spreadsheets.sheetNames(Path.of(third.location()))).containsExactly("Data", "About");
        assertThat(count("select count(*) from withdrawal_notice where run_id = :run", third.id())).isZero();
    }

    @Test
    void anErasedCustomerIsInThePartnersNextWithdrawalNoticeWithTheAddressItWasSent() throws IOException {
        // covers R-6: the erasure withdraws every preference and clears the email; the notice still names the
        // address the company received, so that it can remove it
        optIn(OutputFormat.XLSX);
        erasure.erase(4, "admin@venue.example");
        clock.set(Instant.now().plusSeconds(3600));

        ReportRun next = optIn(OutputFormat.XLSX);

        assertThat(ids(next)).containsExactly(1L);
        assertThat(Spreadsheets.rows(Path.of(next.location()), "Withdrawn")).extracting(row -> row.subList(0, 3))
                .containsExactly(List.of("Customer id", "Email", "Withdrawn"),
                        List.of(4.0, "mallory@example.org", "Erased at their request"));
    }

    @Test
    void aCustomerWhoNeverReceivedTheListIsNotInAWithdrawalNotice() throws IOException {
        // Ben said NO on 12 Oct, before the first list: the company never had his data, so there is nothing to
        // withdraw.
        optIn(OutputFormat.CSV);
        clock.set(Instant.parse("2026-10-22T12:00:00Z"));
        ReportRun second = optIn(OutputFormat.XLSX);

        assertThat(count("select count(*) from withdrawal_notice where run_id = :run", second.id())).isZero();
    }

    @Test
    void aChangeAfterTheCutOffDoesNotChangeThatRun() throws IOException {
        // covers R-6: the run was recorded (its cut-off fixed) before Mallory said NO, and runs after that
        ReportRun recorded = launcher.record(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.CSV,
                "tests"));
        preference(4, "NO", "2026-10-20T13:00:00Z", "ACCOUNT_PAGE");
        clock.set(Instant.parse("2026-10-20T14:00:00Z"));

        ReportRun run = launcher.execute(recorded.id());

        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ids(run)).containsExactly(1L, 4L);
        ReportRun later = optIn(OutputFormat.CSV);
        assertThat(ids(later)).containsExactly(1L);
    }

    @Test
    void theLedgerOfARunListsExactlyTheCustomersInItsFileWithTheConsentBehindEach() throws IOException {
        // covers P-8: compared row by row with the file
        ReportRun run = launcher.run(new RunRequest("customer-list", 1L, Map.of("list", """
                {"name": "Everyone", "segments": [{"type": "has-email"}, {"operator": "OR", "type": "has-email",
                 "value": false}], "columns": ["id", "first_name"]}
                """), OutputFormat.CSV, "tests"));
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);

        List<Long> inFile = ids(run);
        List<Map<String, Object>> ledger = jdbc.sql("""
                select l.customer_id, r.partner_company_id, l.consent_state, l.consent_set_at, l.consent_channel,
                       l.shared_email
                  from sharing_ledger l join report_run r on r.id = l.run_id
                 where l.run_id = :run order by l.customer_id
                """).param("run", run.id()).query().listOfRows();
        // Nora has no email but said YES: she is in a list that does not ask for one.
        assertThat(inFile).containsExactly(1L, 4L, 6L);
        assertThat(ledger).extracting(entry -> entry.get("customer_id")).containsExactlyElementsOf(inFile);
        assertThat(ledger).extracting(entry -> entry.get("partner_company_id")).containsOnly(1L);
        assertThat(ledger).extracting(entry -> entry.get("consent_state")).containsOnly("YES");
        assertThat(ledger).extracting(entry -> ((Timestamp) entry.get("consent_set_at")).toInstant()).containsExactly(
                Instant.parse("2026-09-01T09:00:00Z"), Instant.parse("2026-10-01T10:00:00Z"),
                Instant.parse("2026-09-15T10:00:00Z"));
        assertThat(ledger).extracting(entry -> entry.get("consent_channel"))
                .containsExactly("BOX_OFFICE", "ONLINE_CHECKOUT", "BOX_OFFICE");
        assertThat(ledger).extracting(entry -> entry.get("shared_email"))
                .containsExactly("ada@example.org", "mallory@example.org", null);
    }

    @Test
    void everyPersonalDataRunForAPartnerHasAManifestKeptAfterItsFileExpires() throws IOException {
        ReportRun run = optIn(OutputFormat.XLSX);

        Map<String, Object> manifest = manifest(run);
        assertThat(manifest.get("partner_company_id")).isEqualTo(1L);
        assertThat(manifest.get("requested_by")).isEqualTo("tests");
        assertThat(((Timestamp) manifest.get("cutoff_at")).toInstant()).isEqualTo(FIRST_CUTOFF);
        assertThat(manifest.get("consent_not_before")).isNull();
        assertThat(manifest.get("columns")).isEqualTo("id,title,first_name,last_name,email,preference_set_at,"
                + "preference_channel");
        assertThat(manifest.get("row_count")).isEqualTo(2L);
        assertThat(manifest.get("sha256")).isEqualTo(run.sha256());

        clock.set(FIRST_CUTOFF.plus(settings.retention()).plusSeconds(60));
        assertThat(housekeeping.deleteExpiredFiles()).isEqualTo(1);
        assertThat(Files.exists(Path.of(run.location()))).isFalse();
        assertThat(manifest(run).get("sha256")).isEqualTo(run.sha256());
    }

    @Test
    void runsWithoutPersonalDataOrForTheVenueHaveNoLedgerAndNoManifest() {
        ReportRun sales = launcher.run(new RunRequest("partner-event-sales", 1L, Map.of("period",
                "2026-10-05..2026-10-11"), OutputFormat.CSV, "tests"));
        ReportRun venueList = launcher.run(new RunRequest("customer-list", null, Map.of("list", """
                {"name": "Everyone with an email", "segments": [{"type": "has-email"}], "columns": ["id", "email"]}
                """), OutputFormat.CSV, "tests"));

        assertThat(sales.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(venueList.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(jdbc.sql("select count(*) from sharing_ledger").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from run_manifest").query(Long.class).single()).isZero();
    }

    @Test
    void theOptInListHoldsOnlyTheColumnsTheAgreementAllows() throws IOException, CsvException {
        agreement(1, "{id,email}");

        ReportRun run = optIn(OutputFormat.CSV);

        assertThat(csv(run)).containsExactly(new String[] { "Customer id", "Email" },
                new String[] { "1", "ada@example.org" }, new String[] { "4", "mallory@example.org" });
        assertThat(manifest(run).get("columns")).isEqualTo("id,email");
    }

    @Test
    void anExportAskingForAColumnOutsideTheAgreementFailsClearlyAndWritesNothing() throws IOException {
        agreement(1, "{id,email}");

        assertThatThrownBy(() -> launcher.run(new RunRequest("partner-optin-list", 1L,
                Map.of("columns", "id,email,last_name"), OutputFormat.CSV, "tests")))
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.errors())
                        .singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("columns");
                            assertThat(error.message()).contains("last_name", "data-sharing agreement", "id, email");
                        }));
        assertThatThrownBy(() -> launcher.run(new RunRequest("customer-list", 1L, Map.of("list", """
                {"name": "Phones", "segments": [{"type": "has-email"}], "columns": ["id", "phone"]}
                """), OutputFormat.CSV, "tests")))
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.errors())
                        .singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("list.columns");
                            assertThat(error.message()).contains("phone");
                        }));
        assertThatThrownBy(() -> launcher.run(new RunRequest("partner-optin-list", 1L,
                Map.of("columns", "id,shoe_size"), OutputFormat.CSV, "tests")))
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.errors())
                        .singleElement().satisfies(error -> assertThat(error.message())
                                .startsWith("names a column this report does not have; choose from ")));

        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isZero();
        assertThat(filesWritten()).isEmpty();
    }

    @Test
    void theWriterRefusesAColumnTheAgreementNoLongerAllows() throws IOException {
        // Accepted under the old agreement, made after it was narrowed: the writer's own check fails the run.
        ReportRun recorded = launcher.record(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.XLSX,
                "tests"));
        agreement(1, "{id,email}");

        ReportRun run = launcher.execute(recorded.id());

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.errorMessage()).contains("data-sharing agreement does not allow title, first_name");
        assertThat(run.location()).isNull();
        assertThat(filesWritten()).isEmpty();
        assertThat(count("select count(*) from sharing_ledger where run_id = :run", run.id())).isZero();
        assertThat(count("select count(*) from run_manifest where run_id = :run", run.id())).isZero();
    }

    @Test
    void theDeliberatelyUnfilteredQueryReturnsOnlyTheRunsPartnerCompanysRows() throws Exception {
        // No partner filter on purpose: row-level security under the run's role keeps partner 2's rows out.
        assertThat(readAsRun(1L, "select partner_company_id from partner_preference_history")).containsOnly(1L);
        assertThat(readAsRun(1L, "select id from partner_company")).containsExactly(1L);
        assertThat(readAsRun(1L, "select distinct partner_company_id from event_partner_company")).containsExactly(1L);
        assertThat(readAsRun(1L, "select id from event order by id")).containsExactly(1L, 2L);
        assertThat(readAsRun(2L, "select id from event order by id")).containsExactly(2L, 3L);
        assertThat(readAsRun(1L, "select id from event_instance order by id")).containsExactly(1L, 2L, 3L, 5L, 6L);
        assertThat(readAsRun(2L, "select id from ticket order by id")).containsExactly(3L, 8L, 9L, 10L);
        // The venue's own runs see everything.
        assertThat(readAsRun(null, "select distinct partner_company_id from partner_preference_history order by 1"))
                .containsExactly(1L, 2L);
        // And the pooled connection comes back as the application's, with no partner set.
        assertThat(jdbc.sql("select current_user = session_user").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select coalesce(current_setting('stagedoor.partner_company_id', true), '')")
                .query(String.class).single()).isEmpty();
    }

    @Test
    void thePartnerRoleCannotReadLoginsTokensOrTheAuditLog() throws Exception {
        assertThatThrownBy(() -> readAsRun(1L, "select id from login_account"))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> readAsRun(1L, "select id from api_token"))
                .hasStackTraceContaining("permission denied");
    }

    /** Reads a statement with the run reader the report job uses, as partner company {@code partner}'s run. */
    private List<Long> readAsRun(Long partner, String sql) throws Exception {
        return RunReaderRows.read(dataSource, partner, sql, (rs, row) -> rs.getLong(1));
    }

    private ReportRun optIn(OutputFormat format) {
        ReportRun run = launcher.run(new RunRequest("partner-optin-list", 1L, Map.of(), format, "tests"));
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    private List<Long> ids(ReportRun run) throws IOException {
        Path file = Path.of(run.location());
        if (run.format() == OutputFormat.XLSX) {
            return Spreadsheets.rows(file).stream().skip(1).map(row -> ((Double) row.get(0)).longValue()).toList();
        }
        try {
            return csv(run).stream().skip(1).map(row -> Long.parseLong(row[0])).toList();
        }
        catch (CsvException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private List<String[]> csv(ReportRun run) throws IOException, CsvException {
        try (Reader in = Files.newBufferedReader(Path.of(run.location()), StandardCharsets.UTF_8);
                CSVReader reader = new CSVReader(in)) {
            return reader.readAll();
        }
    }

    private Map<String, Object> manifest(ReportRun run) {
        return jdbc.sql("""
                select partner_company_id, requested_by, cutoff_at, consent_not_before,
                       array_to_string(columns, ',') as columns, row_count, withdrawn_count, sha256
                  from run_manifest where run_id = :run
                """).param("run", run.id()).query().singleRow();
    }

    /** A preference change as the booking store records it: the history row comes from its trigger (P-8). */
    private void preference(long customer, String state, String at, String channel) {
        jdbc.sql("""
                update partner_preference set state = :state, set_at = :at, channel = :channel
                 where customer_id = :customer and partner_company_id = 1
                """).param("state", state).param("at", Timestamp.from(Instant.parse(at))).param("channel", channel)
                .param("customer", customer).update();
    }

    private void agreement(long partner, String columns) {
        jdbc.sql("update partner_company set shared_columns = cast(:columns as text[]) where id = :id")
                .param("columns", columns).param("id", partner).update();
    }

    private long count(String sql, long runId) {
        return jdbc.sql(sql).param("run", runId).query(Long.class).single();
    }

    private List<Path> filesWritten() throws IOException {
        if (!Files.exists(settings.directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(settings.directory())) {
            return files.toList();
        }
    }

    /** A clock the test moves, so that each run has its own cut-off. */
    static class SettableClock extends Clock {

        private volatile Instant now = FIRST_CUTOFF;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SettableClockConfiguration {

        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }
}
