package org.stagedoor.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.listbuilder.PeriodChoices;
import org.stagedoor.scheduler.schedule.CronWords;
import org.stagedoor.scheduler.schedule.ListSends;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.web.Words;

/**
 * An administrator's create, change, pause, resume, run now and delete of a schedule, each audited in the
 * transaction that makes it: the console's pages and its JSON API both act through here, so a schedule reads the
 * same in the audit log whichever of them made it.
 */
@Component
class ScheduleOperations {

    private final Schedules schedules;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    private final Words words;

    ScheduleOperations(Schedules schedules, AuditLog audit, PlatformTransactionManager transactions, Words words) {
        this.schedules = schedules;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.words = words;
    }

    /**
     * Saves a new schedule.
     *
     * @throws InvalidRequestException when it cannot work, with a message per field; nothing is saved
     */
    Schedule create(ScheduleRequest request, String actor) {
        return transaction.execute(status -> {
            Schedule created = schedules.create(request);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, created.partnerCompanyId(), null, null,
                    "created schedule " + created.id() + " " + describe(created));
            return created;
        });
    }

    /**
     * Saves a schedule's new settings.
     *
     * @throws NotFoundException when there is no such schedule
     * @throws InvalidRequestException when it cannot work, with a message per field; nothing is saved
     */
    Schedule update(long id, ScheduleRequest request, String actor) {
        return transaction.execute(status -> {
            Schedule after = schedules.update(id, request);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, after.partnerCompanyId(), null, null,
                    "changed schedule " + id + " to " + describe(after));
            return after;
        });
    }

    Schedule pause(long id, String actor) {
        return transaction.execute(status -> {
            Schedule paused = schedules.pause(id);
            audit.adminChange(actor, "paused schedule " + id + " '" + paused.name() + "'");
            return paused;
        });
    }

    Schedule resume(long id, String actor) {
        return transaction.execute(status -> {
            Schedule resumed = schedules.resume(id);
            audit.adminChange(actor, "resumed schedule " + id + " '" + resumed.name() + "'");
            return resumed;
        });
    }

    void runNow(long id, String actor) {
        transaction.executeWithoutResult(status -> {
            Schedule schedule = existing(id);
            schedules.runNow(id, actor);
            audit.adminChange(actor, "ran schedule " + id + " '" + schedule.name() + "' now");
        });
    }

    void delete(long id, String actor) {
        transaction.executeWithoutResult(status -> {
            Schedule schedule = existing(id);
            schedules.delete(id);
            audit.adminChange(actor, "deleted schedule " + id + " '" + schedule.name() + "'");
        });
    }

    private Schedule existing(long id) {
        return schedules.find(id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    /** A schedule as the audit log says it: in words, as on its page, with the numbers that find it again. */
    private String describe(Schedule schedule) {
        String parameters = schedule.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(chosen -> Words.field(chosen.getKey()) + ": "
                        + Optional.ofNullable(PeriodChoices.name(chosen.getValue())).orElse(chosen.getValue()))
                .collect(Collectors.joining("; "));
        String forWhom = switch (schedule.fanOut()) {
            case ONE_PARTNER -> "for partner company " + schedule.partnerCompanyId();
            case PARTNERS_WITH_EVENTS -> "for every partner company with a performance in the period";
            case PARTNERS_COLLECTING_PREFERENCES -> "for every partner company collecting preferences";
            case VENUE -> "for the venue";
        };
        List<String> to = new ArrayList<>(schedule.recipients());
        if (schedule.sendToPartnerUsers()) {
            to.add("the company's subscribed users");
        }
        return "'" + schedule.name() + "': " + words.report(schedule.reportId()) + " (saved report "
                + schedule.savedReportId() + ")" + (parameters.isEmpty() ? "" : ", " + parameters)
                + (schedule.format() == null ? "" : ", as " + words.of(schedule.format())) + ", "
                + CronWords.describe(schedule.cronExpression(), schedule.timeZone()) + ", " + forWhom
                + (to.isEmpty() ? "" : ", to " + String.join(", ", to)) + ", sent as: "
                + words.of(schedule.deliveryMode()).toLowerCase(Locale.ENGLISH)
                + (schedule.sends() == ListSends.CHANGES ? ", only the changes since the last delivery" : "")
                + (schedule.enabled() ? "" : ", paused");
    }
}
