package org.stagedoor.scheduler.schedule;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.sharing.ListChanges;

/**
 * Decides, as a fire records a run of a schedule that sends changes, what the run is counted from: the schedule's
 * last run for the same partner company, if every message of it was sent (the outbox's SENT: the mail server took
 * it). A last run whose messages failed, are unknown or not sent yet, and a first run, send the full list.
 */
@Component
class ScheduledListChanges {

    private final JdbcClient jdbc;

    private final ListChanges changes;

    private final ReportCatalogue catalogue;

    ScheduledListChanges(JdbcClient jdbc, ListChanges changes, ReportCatalogue catalogue) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.catalogue = catalogue;
    }

    private record LastRun(long runId, boolean delivered) {
    }

    /** In the fire's transaction, after the run is recorded: what {@code runId} sends. */
    void plan(Schedule schedule, Long partnerCompanyId, long runId) {
        if (schedule.sends() != ListSends.CHANGES || partnerCompanyId == null
                || !catalogue.find(schedule.reportId()).map(Schedules::isList).orElse(false)) {
            return;
        }
        // A run that failed or was stopped sent nothing and is passed over; any other may have reached the company.
        Optional<LastRun> last = jdbc.sql("""
                select r.id,
                       exists (select 1 from delivery d where d.run_id = r.id and d.kind = 'REPORT')
                       and not exists (select 1 from delivery d
                                        where d.run_id = r.id and d.kind = 'REPORT' and d.status <> 'SENT')
                           as delivered
                  from schedule_fire f
                  join schedule_fire_run fr on fr.fire_id = f.id
                  join report_run r on r.id = fr.run_id
                 where f.schedule_id = :schedule and fr.partner_key = :partner and r.id < :run
                   and r.status not in ('FAILED', 'STOPPED')
                 order by r.id desc
                 limit 1
                """).param("schedule", schedule.id()).param("partner", partnerCompanyId).param("run", runId)
                .query((rs, row) -> new LastRun(rs.getLong("id"), rs.getBoolean("delivered"))).optional();
        if (last.isEmpty()) {
            changes.plan(runId, schedule.id(), partnerCompanyId, null, ListChanges.FullBecause.FIRST);
        }
        else if (!last.get().delivered()) {
            changes.plan(runId, schedule.id(), partnerCompanyId, null, ListChanges.FullBecause.NOT_DELIVERED);
        }
        else {
            changes.plan(runId, schedule.id(), partnerCompanyId, last.get().runId(), null);
        }
    }
}
