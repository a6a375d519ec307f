package org.stagedoor.portal;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunFinished;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.delivery.DeliveryOutbox;
import org.stagedoor.scheduler.delivery.FinishedRunMessages;
import org.stagedoor.scheduler.delivery.Recipient;

/**
 * "Email me when it is ready": who asked ({@code run_watcher}), and their message, written to the outbox in the
 * transaction that records the run as completed — so it exists exactly when the run did complete, whichever node
 * ran it. The outbox's key of run and recipient makes handling the same outcome twice harmless. Reports holding
 * personal data go as a link to the portal, others as an attachment (a file too large for a mail always goes as a
 * link).
 */
@Component
class RunWatchers {

    private final JdbcClient jdbc;

    private final DeliveryOutbox outbox;

    private final ReportCatalogue catalogue;

    private final FinishedRunMessages messages;

    RunWatchers(JdbcClient jdbc, DeliveryOutbox outbox, ReportCatalogue catalogue, FinishedRunMessages messages) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    /** Records that {@code email} wants to be told when the run is ready (once per run and address). */
    void watch(long runId, String email, Long partnerUserId) {
        jdbc.sql("""
                insert into run_watcher (run_id, email, partner_user_id) values (:run, :email, :partnerUser)
                on conflict do nothing
                """).param("run", runId).param("email", email).param("partnerUser", partnerUserId).update();
    }

    /** Whether {@code email} asked to be told about the run. */
    boolean isWatching(long runId, String email) {
        return jdbc.sql("select count(*) from run_watcher where run_id = :run and lower(email) = lower(:email)")
                .param("run", runId).param("email", email).query(Integer.class).single() > 0;
    }

    List<Recipient> of(long runId) {
        return jdbc.sql("select email, partner_user_id from run_watcher where run_id = :run order by id")
                .param("run", runId)
                .query((rs, row) -> new Recipient(rs.getString("email"), rs.getObject("partner_user_id", Long.class)))
                .list();
    }

    @EventListener
    void onRunFinished(RunFinished event) {
        ReportRun run = event.run();
        if (run.status() != RunStatus.COMPLETED) {
            // Nothing to send: the run page says what became of it.
            return;
        }
        messages.record(run, this::deliver, new FinishedRunMessages.Instead("run:" + run.id() + ":watchers",
                "Report not sent — run " + run.id(), "Run " + run.id() + " completed, but the messages to those who"
                        + " asked to be emailed could not be recorded: "));
    }

    private void deliver(ReportRun run) {
        List<Recipient> recipients = of(run.id());
        if (recipients.isEmpty()) {
            return;
        }
        ReportDefinition report = catalogue.find(run.reportId()).orElse(null);
        DeliveryMode mode = report != null && report.personalData() ? DeliveryMode.LINK : DeliveryMode.ATTACHMENT;
        // "Event sales — Northern Lights Productions — 9–15 Nov 2026 — ready".
        String subject = messages.subject(report == null ? run.reportId() : report.title(), run) + " — ready";
        for (Recipient recipient : recipients) {
            outbox.recordOnDemandRun(run, subject, mode, recipient);
        }
    }
}
