package org.stagedoor.batch.run;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParameters;

import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ReportLauncherTests {

    @Test
    void aParameterTooLongForTheJobRepositoryIsIdentifiedByItsChecksum() {
        String list = "{\"name\": \"" + "x".repeat(600) + "\"}";
        ReportRun run = new ReportRun(7, "customer-list", 3L, "tests", Map.of("list", list),
                Map.of("list", list, "period", "previous-week"), OutputFormat.CSV, RunStatus.QUEUED, Instant.EPOCH,
                Instant.EPOCH, null, null, null, null, null, null, null, null, null, null, null, null);

        JobParameters parameters = ReportLauncher.jobParameters(run);

        assertThat(parameters.getLong("runId")).isEqualTo(7L);
        assertThat(parameters.getString("report")).isEqualTo("customer-list");
        assertThat(parameters.getLong("partnerCompanyId")).isEqualTo(3L);
        assertThat(parameters.getString("parameter.period")).isEqualTo("previous-week");
        assertThat(parameters.getString("parameter.list")).isNull();
        assertThat(parameters.getString("parameter.list.sha256")).hasSize(64).matches("[0-9a-f]+");
    }
}
