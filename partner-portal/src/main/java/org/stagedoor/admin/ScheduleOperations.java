package org.stagedoor.admin;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.Schedules;

/**
 * An administrator's pause, resume, run now and delete of a schedule, each audited in the transaction that
 * makes it: the console's pages and its JSON API both act through here.
 */
@Component
class ScheduleOperations {

    private final Schedules schedules;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    ScheduleOperations(Schedules schedules, AuditLog audit, PlatformTransactionManager transactions) {
        this.schedules = schedules;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
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
}
