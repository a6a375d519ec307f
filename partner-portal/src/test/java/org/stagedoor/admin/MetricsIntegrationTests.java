package org.stagedoor.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.imports.AuditedImport;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** The Prometheus metrics: what a run, an import, a wrong sign-in add, and who may read them. */
class MetricsIntegrationTests extends AdminConsoleIntegrationTest {

    private static final String REPORT = "partner-optin-list";

    @Autowired
    PartnerCompanies companies;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    AuditedImport imports;

    @Test
    void aCompletedRunAddsOneStartAndOneCompletionWithItsRowsAndBytes() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        String before = scrape();

        ReportRun run = launcher.run(new RunRequest(REPORT, company.id(), Map.of(), OutputFormat.CSV, "tests"));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        String after = scrape();
        String report = "{report=\"" + REPORT + "\"}";
        assertThat(value(after, "stagedoor_runs_started_total" + report))
                .isEqualTo(value(before, "stagedoor_runs_started_total" + report) + 1);
        assertThat(value(after, "stagedoor_runs_completed_total" + report))
                .isEqualTo(value(before, "stagedoor_runs_completed_total" + report) + 1);
        assertThat(value(after, "stagedoor_runs_failed_total" + report))
                .isEqualTo(value(before, "stagedoor_runs_failed_total" + report));
        assertThat(value(after, "stagedoor_run_rows_total" + report))
                .isEqualTo(value(before, "stagedoor_run_rows_total" + report) + run.rowCount());
        assertThat(value(after, "stagedoor_run_bytes_total" + report))
                .isEqualTo(value(before, "stagedoor_run_bytes_total" + report) + run.fileSize());
        String completed = "{outcome=\"completed\",report=\"" + REPORT + "\"}";
        assertThat(value(after, "stagedoor_run_duration_seconds_count" + completed))
                .isEqualTo(value(before, "stagedoor_run_duration_seconds_count" + completed) + 1);
    }

    @Test
    void anImportCountsTheRowsOfEachFileAsAppliedOrRefused(@TempDir Path files) throws Exception {
        try (Stream<Path> examples = Files.list(Path.of("..", "docs", "import", "example"))) {
            for (Path file : examples.toList()) {
                Files.copy(file, files.resolve(file.getFileName()));
            }
        }
        String customers = "stagedoor_import_rows_total{kind=\"customers\",outcome=\"applied\"}";
        String orders = "stagedoor_import_rows_total{kind=\"orders\",outcome=\"refused\"}";
        String before = scrape();

        assertThat(imports.run(files, files, false, "tests", line -> { }).applied()).isTrue();
        String applied = scrape();
        assertThat(value(applied, customers)).isEqualTo(value(before, customers) + 5);

        // An order made by someone the relationships do not let act for its owner (F-2): refused, nothing applied.
        Files.writeString(files.resolve("orders.csv"), Files.readString(files.resolve("orders.csv"))
                + "O-7,C-100,C-101,online,2025-06-01 10:00\n");
        long orderRows = Files.readAllLines(files.resolve("orders.csv")).size() - 1;
        assertThat(imports.run(files, files, false, "tests", line -> { }).applied()).isFalse();
        String refused = scrape();
        assertThat(value(refused, orders)).isEqualTo(value(applied, orders) + orderRows);
        assertThat(value(refused, customers)).isEqualTo(value(applied, customers));
    }

    @Test
    void aWrongPasswordCountsOneLoginFailure() throws Exception {
        double before = value(scrape(), "stagedoor_login_failures_total");

        mvc.perform(formLogin("/login").user(ADMIN).password("not the password"));

        assertThat(value(scrape(), "stagedoor_login_failures_total")).isEqualTo(before + 1);
    }

    @Test
    void onlyAnAdministratorReadsTheMetricsAndHealthStaysOpen() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus")
                .with(as(TestAccounts.partnerUser(accounts, company.id(), "user@partner.example"))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").with(httpBasic(ADMIN, TestAccounts.PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(httpBasic(ADMIN, "not the password")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus").with(as(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /** A series' value in the scrape; 0 when it is not there yet (no such event so far). */
    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }
}
