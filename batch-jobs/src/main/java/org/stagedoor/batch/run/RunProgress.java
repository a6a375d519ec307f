package org.stagedoor.batch.run;

import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.report.ReportCatalogue;

/**
 * How far a run has got, read from the job repository, so that it is the same whichever node runs it:
 * the rows its rows step has committed so far, and how many to expect when an earlier run says.
 */
@Component
public class RunProgress {

    private final JdbcClient jdbc;

    private final JsonMapper json;

    RunProgress(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Rows written so far: a run whose file is ready, its row count; a running one, the write count of the latest
     * rows step of its current job execution (committed chunk by chunk, so it moves in steps of the chunk size);
     * one that has not started, 0.
     */
    public long rowsWritten(ReportRun run) {
        if (run.rowCount() != null) {
            return run.rowCount();
        }
        if (run.jobExecutionId() == null) {
            return 0;
        }
        return jdbc.sql("""
                select write_count from batch_step_execution
                 where job_execution_id = :execution and step_name = :step
                 order by step_execution_id desc limit 1
                """)
                .param("execution", run.jobExecutionId())
                .param("step", ReportJobConfiguration.ROWS_STEP)
                .query(Long.class).optional().orElse(0L);
    }

    /**
     * An estimate of the rows the run will write: those of the latest completed (or since expired) run of the same
     * report for the same partner company (or the venue) with the same parameters, resolved alike if there is
     * one, else given alike ({@code previous-week} a week earlier). Null when there is no such run; the data may
     * have changed since, so it is only ever an estimate.
     */
    public Long rowsExpected(ReportRun run) {
        return jdbc.sql("""
                select row_count from report_run
                 where report_id = :report
                   and partner_company_id is not distinct from cast(:partner as bigint)
                   and status in ('COMPLETED', 'EXPIRED') and id <> :id and row_count is not null
                   and (parameters_resolved = cast(:resolved as jsonb) or parameters_given = cast(:given as jsonb))
                 order by (parameters_resolved = cast(:resolved as jsonb)) desc, finished_at desc, id desc
                 limit 1
                """)
                .param("report", run.reportId())
                .param("partner", run.partnerCompanyId())
                .param("id", run.id())
                .param("resolved", json.writeValueAsString(run.parametersResolved()))
                .param("given", json.writeValueAsString(run.parametersGiven()))
                .query(Long.class).optional().orElse(null);
    }

    /**
     * The rows to expect, and whether that is only "about": {@link #rowsExpected} when an earlier run had the same
     * parameters; else the latest completed run of the same saved definition (or, run ad hoc, of the same report)
     * for the same company whose period was as many days long (any, for a report without a period). Empty when
     * neither exists: the page then says only how many rows are written.
     */
    public Optional<Expected> expected(ReportRun run) {
        Long same = rowsExpected(run);
        if (same != null) {
            return Optional.of(new Expected(same, false));
        }
        Period period = RunParameters.period(run.parametersResolved(), ReportCatalogue.PERIOD_PARAMETER);
        return jdbc.sql("""
                select row_count from report_run
                 where report_id = :report
                   and partner_company_id is not distinct from cast(:partner as bigint)
                   and (cast(:saved as bigint) is null or saved_report_id = :saved)
                   and status in ('COMPLETED', 'EXPIRED') and id <> :id and row_count is not null
                   and (cast(:days as integer) is null
                        or cast(parameters_resolved ->> 'periodTo' as date)
                           - cast(parameters_resolved ->> 'periodFrom' as date) + 1 = :days)
                 order by finished_at desc, id desc
                 limit 1
                """)
                .param("report", run.reportId())
                .param("partner", run.partnerCompanyId())
                .param("saved", run.saved() == null ? null : run.saved().id())
                .param("id", run.id())
                .param("days", period == null ? null : (int) period.days())
                .query(Long.class).optional().map(rows -> new Expected(rows, true));
    }

    /**
     * Rows a run is expected to write.
     *
     * @param about true when it comes from a run with other parameters, so only roughly right
     */
    public record Expected(long rows, boolean about) {
    }
}
