package org.stagedoor.scheduler.schedule;

import java.time.Clock;
import java.time.Instant;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The node's scheduler health ("scheduler"): DOWN when this node should fire schedules and does not,
 * or when an enabled trigger is overdue by more than the configured margin — a cluster that silently
 * stopped firing must not look healthy.
 */
@Component
class SchedulerHealthIndicator extends AbstractHealthIndicator {

    private final Scheduler scheduler;

    private final JdbcClient jdbc;

    private final ScheduleSettings settings;

    private final Clock clock;

    SchedulerHealthIndicator(Scheduler scheduler, JdbcClient jdbc, ScheduleSettings settings, Clock clock) {
        super("The scheduler's health could not be read");
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    private record Overdue(long triggers, Long oldestDueAt) {
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws SchedulerException {
        boolean firing = scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        builder.withDetail("instance", scheduler.getSchedulerInstanceId()).withDetail("firing", firing);
        Instant limit = clock.instant().minus(settings.overdueMargin());
        // Paused triggers are PAUSED, not WAITING; ACQUIRED long past its time means a node took it and stalled.
        // A schedule's trigger is one-shot, so its start time is the time it was due: Quartz's misfire handling
        // moves next_fire_time up to "now" on a node that is alive but not firing, and would hide the delay.
        Overdue overdue = jdbc.sql("""
                select count(*) as triggers, min(least(start_time, next_fire_time)) as oldest
                  from qrtz_triggers
                 where sched_name = :scheduler and trigger_state in ('WAITING', 'ACQUIRED')
                   and (next_fire_time < :before or (trigger_group = :schedules and start_time < :before))
                """)
                .param("scheduler", scheduler.getSchedulerName())
                .param("before", limit.toEpochMilli())
                .param("schedules", ScheduleTriggers.SCHEDULES)
                .query((rs, row) -> new Overdue(rs.getLong("triggers"), rs.getObject("oldest", Long.class)))
                .single();
        builder.withDetail("overdueTriggers", overdue.triggers());
        if (overdue.triggers() > 0) {
            builder.down().withDetail("oldestDueAt", Instant.ofEpochMilli(overdue.oldestDueAt()).toString())
                    .withDetail("reason", overdue.triggers() + " trigger(s) more than " + settings.overdueMargin()
                            + " past their fire time: no node is firing schedules");
        }
        else if (settings.autoStartup() && !firing) {
            builder.down().withDetail("reason", "this node should fire schedules and is not");
        }
        else {
            builder.up();
        }
    }
}
