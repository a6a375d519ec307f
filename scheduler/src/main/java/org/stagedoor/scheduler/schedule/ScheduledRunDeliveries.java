package org.stagedoor.scheduler.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunFinished;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.scheduler.delivery.DeliveryOutbox;
import org.stagedoor.scheduler.delivery.FinishedRunMessages;
import org.stagedoor.scheduler.delivery.Recipient;
import org.stagedoor.scheduler.destination.Destinations;

/**
 * Records what a scheduled run delivers, in the transaction that records the run's outcome: one message
 * per recipient and one delivery per destination of the partner company that receives the schedule when it
 * completed, a notice to administrators when it failed. The outbox's unique keys
 * make recording twice (a node that died in between) harmless.
 */
@Component
class ScheduledRunDeliveries {

    private final JdbcClient jdbc;

    private final ScheduleStore schedules;

    private final DeliveryOutbox outbox;

    private final FinishedRunMessages messages;

    private final Destinations destinations;

    ScheduledRunDeliveries(JdbcClient jdbc, ScheduleStore schedules, DeliveryOutbox outbox,
            FinishedRunMessages messages, Destinations destinations) {
        this.destinations = destinations;
        this.jdbc = jdbc;
        this.schedules = schedules;
        this.outbox = outbox;
        this.messages = messages;
    }

    private record FireOfRun(long scheduleId, Instant dueAt, long partnerKey) {
    }

    @EventListener
    void onRunFinished(RunFinished event) {
        ReportRun run = event.run();
        messages.record(run, this::record, new FinishedRunMessages.Instead("run:" + run.id() + ":deliveries",
                "Scheduled report not delivered — run " + run.id(), "Run " + run.id() + " finished ("
                        + run.status().name().toLowerCase(Locale.ROOT) + ") but its deliveries could not be"
                        + " recorded: "));
    }

    void record(ReportRun run) {
        Optional<FireOfRun> fire = jdbc.sql("""
                select f.schedule_id, f.due_at, fr.partner_key
                  from schedule_fire_run fr join schedule_fire f on f.id = fr.fire_id
                 where fr.run_id = :run
                """).param("run", run.id())
                .query((rs, row) -> new FireOfRun(rs.getLong("schedule_id"), rs.getTimestamp("due_at").toInstant(),
                        rs.getLong("partner_key")))
                .optional();
        if (fire.isEmpty()) {
            return;
        }
        Schedule schedule = schedules.findAny(fire.get().scheduleId()).orElseThrow();
        // "Weekly sales — Northern Lights Productions — 9–15 Nov 2026".
        String subject = messages.subject(schedule.name(), run);
        if (run.status() == RunStatus.COMPLETED) {
            outbox.recordScheduledRun(run, schedule.id(), fire.get().dueAt(), subject, schedule.deliveryMode(),
                    recipients(schedule, run.partnerCompanyId()));
            if (run.partnerCompanyId() != null) {
                outbox.recordScheduledRunToDestinations(run, schedule.id(), fire.get().dueAt(), subject,
                        destinations.forSchedule(schedule.id(), run.partnerCompanyId()));
            }
        }
        else if (run.status() == RunStatus.FAILED) {
            outbox.noticeAdministrators("run:" + run.id(), "Scheduled report failed — " + subject,
                    "Run " + run.id() + " of the schedule \"" + schedule.name() + "\" (id " + schedule.id()
                            + ") failed: " + run.errorMessage()
                            + "\nAn administrator can restart it from the console.");
        }
    }

    /** The fixed addresses, and the partner company's enabled users who subscribed; each address once. */
    List<Recipient> recipients(Schedule schedule, Long partnerCompanyId) {
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        for (String email : schedule.recipients()) {
            recipients.putIfAbsent(email.toLowerCase(Locale.ROOT), new Recipient(email, null));
        }
        if (schedule.sendToPartnerUsers() && partnerCompanyId != null) {
            jdbc.sql("""
                    select u.id, u.email
                      from schedule_subscription s join partner_user u on u.id = s.partner_user_id
                     where s.schedule_id = :schedule and u.partner_company_id = :partner and u.enabled
                     order by u.email
                    """).param("schedule", schedule.id()).param("partner", partnerCompanyId)
                    .query((rs, row) -> new Recipient(rs.getString("email"), rs.getLong("id")))
                    .list()
                    .forEach(user -> recipients.putIfAbsent(user.email().toLowerCase(Locale.ROOT), user));
        }
        return new ArrayList<>(recipients.values());
    }
}
