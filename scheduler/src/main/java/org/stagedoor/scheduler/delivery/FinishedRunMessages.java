package org.stagedoor.scheduler.delivery;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunParameters;
import org.stagedoor.booking.partner.PartnerCompanies;

/**
 * What every "a run finished, tell people" shares, whether a schedule or someone who asked to be emailed is told:
 * the words of the subject, and recording the messages without putting the run's own outcome at risk.
 */
@Component
public class FinishedRunMessages {

    private static final Logger log = LoggerFactory.getLogger(FinishedRunMessages.class);

    private final PartnerCompanies companies;

    private final ReportCatalogue catalogue;

    private final DeliveryOutbox outbox;

    private final TransactionTemplate savepoint;

    FinishedRunMessages(PartnerCompanies companies, ReportCatalogue catalogue, DeliveryOutbox outbox,
            PlatformTransactionManager transactions) {
        this.companies = companies;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * "Weekly sales — Northern Lights Productions — 9–15 Nov 2026": what the message is about, then the run's partner
     * company and the days of each period its report has.
     */
    public String subject(String about, ReportRun run) {
        StringBuilder subject = new StringBuilder(about);
        if (run.partnerCompanyId() != null) {
            companies.name(run.partnerCompanyId()).ifPresent(name -> subject.append(" — ").append(name));
        }
        catalogue.find(run.reportId()).ifPresent(report -> {
            for (ParameterDefinition parameter : report.parameters()) {
                if (parameter.type() == ParameterType.PERIOD) {
                    RunParameters.periodLabel(run.parametersResolved(), parameter.name())
                            .ifPresent(label -> subject.append(" — ").append(label));
                }
            }
        });
        return subject.toString();
    }

    /**
     * Records a finished run's messages under a savepoint of the transaction that records its outcome: if they cannot
     * be recorded, the run is still recorded as finished (not left RUNNING), and the administrators are told instead.
     */
    public void record(ReportRun run, Consumer<ReportRun> messages, Instead instead) {
        try {
            savepoint.executeWithoutResult(status -> messages.accept(run));
        }
        catch (RuntimeException ex) {
            log.error("Could not record the messages of run {} ({})", run.id(), instead.key(), ex);
            outbox.noticeAdministrators(instead.key(), instead.subject(), instead.text() + ex.getMessage());
        }
    }

    /**
     * The notice the administrators get instead: its key in the outbox (so that it is sent once), its subject, and its
     * text, which the reason the messages could not be recorded ends.
     */
    public record Instead(String key, String subject, String text) {
    }
}
