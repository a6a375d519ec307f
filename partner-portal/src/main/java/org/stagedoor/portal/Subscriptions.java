package org.stagedoor.portal;

import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.schedule.CronWords;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.security.StagedoorUser;

/**
 * The schedules a partner user may choose to receive: those an administrator set to go to the partner
 * company's users and that run for the user's company — for it alone, for every company with events, or for every
 * company collecting preferences when this one does. Any other schedule is, for the user, not there.
 */
@Component
class Subscriptions {

    /**
     * A schedule offered to the user, and whether they receive it.
     *
     * @param when when it is sent, in words ("Every Monday at 09:00 (London time)")
     * @param nextSend the next time it is sent, in words; null while the venue has paused it
     */
    record Offer(long scheduleId, String name, String reportTitle, String when, String nextSend, boolean subscribed) {
    }

    private final JdbcClient jdbc;

    private final AuditLog audit;

    private final ReportCatalogue catalogue;

    private final Schedules schedules;

    Subscriptions(JdbcClient jdbc, AuditLog audit, ReportCatalogue catalogue, Schedules schedules) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.catalogue = catalogue;
        this.schedules = schedules;
    }

    List<Offer> offered(StagedoorUser user) {
        return jdbc.sql("""
                select s.id, s.name, s.report_id, s.cron_expression, s.time_zone, s.enabled,
                       exists (select 1 from schedule_subscription ss
                                where ss.schedule_id = s.id and ss.partner_user_id = :user) as subscribed
                  from schedule s join partner_company c on c.id = :partner
                 where s.deleted_at is null and s.send_to_partner_users
                   and (   (s.fan_out = 'ONE_PARTNER' and s.partner_company_id = c.id)
                        or s.fan_out = 'PARTNERS_WITH_EVENTS'
                        or (s.fan_out = 'PARTNERS_COLLECTING_PREFERENCES' and c.collects_preferences))
                 order by s.name, s.id
                """)
                .param("user", user.partnerUserId())
                .param("partner", user.partnerCompanyId())
                .query((rs, row) -> new Offer(rs.getLong("id"), rs.getString("name"),
                        catalogue.find(rs.getString("report_id")).map(report -> report.title())
                                .orElse(rs.getString("report_id")),
                        CronWords.describe(rs.getString("cron_expression"), ZoneId.of(rs.getString("time_zone"))),
                        rs.getBoolean("enabled") ? nextSend(rs.getLong("id")) : null, rs.getBoolean("subscribed")))
                .list();
    }

    /** When the cluster sends the schedule next, in words. */
    private String nextSend(long scheduleId) {
        return schedules.find(scheduleId).map(schedules::nextFire).map(CronWords::moment).orElse(null);
    }

    /** Subscribes or unsubscribes; a schedule not offered to the user answers like a missing one. */
    @Transactional
    void set(StagedoorUser user, long scheduleId, boolean subscribed) {
        Offer offer = offered(user).stream().filter(candidate -> candidate.scheduleId() == scheduleId).findFirst()
                .orElseThrow(() -> new NotFoundException("schedule", scheduleId));
        if (subscribed) {
            jdbc.sql("""
                    insert into schedule_subscription (schedule_id, partner_user_id) values (:schedule, :user)
                    on conflict do nothing
                    """).param("schedule", scheduleId).param("user", user.partnerUserId()).update();
        }
        else {
            jdbc.sql("delete from schedule_subscription where schedule_id = :schedule and partner_user_id = :user")
                    .param("schedule", scheduleId).param("user", user.partnerUserId()).update();
        }
        audit.record(user.email(), AuditLog.Kind.SUBSCRIPTION_CHANGED, user.partnerCompanyId(), null, null,
                (subscribed ? "receives " : "no longer receives ") + "\"" + offer.name() + "\" (schedule "
                        + scheduleId + ")");
    }
}
