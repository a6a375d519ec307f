package org.stagedoor.admin;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.run.RunStarts;
import org.stagedoor.web.Words;

/**
 * An administrator's restart and stop of a run, each audited: the console's pages and its JSON API both act through
 * here. A restart is queued on the scheduler cluster in the transaction that audits it, and whichever node takes it
 * runs it, as a portal run.
 */
@Component
class RunOperations {

    private final RunRecords records;

    private final RunStarts starts;

    private final ReportLauncher launcher;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    private final Words words;

    RunOperations(RunRecords records, RunStarts starts, ReportLauncher launcher, AuditLog audit,
            PlatformTransactionManager transactions, Words words) {
        this.records = records;
        this.starts = starts;
        this.launcher = launcher;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.words = words;
    }

    /**
     * Queues a FAILED or STOPPED run to be restarted where it left off.
     *
     * @throws NotFoundException when there is no such run
     * @throws InvalidRequestException when it is neither FAILED nor STOPPED
     */
    void restart(long id, String actor) {
        ReportRun before = existing(id);
        transaction.executeWithoutResult(status -> {
            starts.restart(id);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, before.partnerCompanyId(), id, null,
                    "restarted run " + id + " of \"" + words.report(before.reportId()) + "\" (was "
                            + Words.inSentence(before.status()) + ")");
        });
    }

    /**
     * Asks a RUNNING run to stop at its next chunk; it is then STOPPED and can be restarted.
     *
     * @throws NotFoundException when there is no such run
     * @throws InvalidRequestException when it is not running
     */
    void stop(long id, String actor) {
        existing(id);
        ReportRun run = launcher.stop(id);
        audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, run.partnerCompanyId(), id, null,
                "asked run " + id + " of \"" + words.report(run.reportId()) + "\" to stop");
    }

    private ReportRun existing(long id) {
        return records.find(id).orElseThrow(() -> new NotFoundException("run", id));
    }
}
