package org.stagedoor.scheduler.fault;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes chosen runs fail in their last step, as a real failure would (the database refusing to record their file),
 * so that they can be restarted: a trigger on {@code report_run}, which any node of a test's cluster meets.
 */
public final class FailingRuns {

    private FailingRuns() {
    }

    public static void install(JdbcClient jdbc) {
        jdbc.sql("create table if not exists fault_injected_run (run_id bigint primary key)").update();
        jdbc.sql("""
                create or replace function fault_injected() returns trigger language plpgsql as $$
                begin
                    if new.row_count is not null
                       and exists (select 1 from fault_injected_run where run_id = new.id) then
                        raise exception 'injected fault in run %', new.id;
                    end if;
                    return new;
                end $$
                """).update();
        jdbc.sql("""
                create or replace trigger report_run_fault_injected before update of row_count on report_run
                   for each row execute function fault_injected()
                """).update();
    }

    /** The run fails when it ends, until {@link #failNone}. */
    public static void fail(JdbcClient jdbc, long runId) {
        jdbc.sql("insert into fault_injected_run (run_id) values (:run)").param("run", runId).update();
    }

    public static void failNone(JdbcClient jdbc) {
        jdbc.sql("delete from fault_injected_run").update();
    }

    public static void uninstall(JdbcClient jdbc) {
        jdbc.sql("drop trigger if exists report_run_fault_injected on report_run").update();
        jdbc.sql("drop function if exists fault_injected()").update();
        jdbc.sql("drop table if exists fault_injected_run").update();
    }

    /** The statuses of the run's job executions, oldest first: a restarted one's failed execution, then its next. */
    public static List<String> executions(JdbcClient jdbc, long runId) {
        return jdbc.sql("""
                select e.status from batch_job_execution e
                  join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                 where p.parameter_name = 'runId' and p.parameter_value = cast(:run as varchar)
                 order by e.job_execution_id
                """).param("run", runId).query(String.class).list();
    }
}
