package org.stagedoor.admin;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.Destinations;

/**
 * An administrator's changes to a partner company's destinations, each audited in the transaction that makes it:
 * the audit entry names the destination in words, never its password, key or secret.
 */
@Component
class DestinationOperations {

    private final Destinations destinations;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    DestinationOperations(Destinations destinations, AuditLog audit, PlatformTransactionManager transactions) {
        this.destinations = destinations;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    Destination addSftp(long companyId, DestinationForm form, String actor) {
        return transaction.execute(status -> {
            Destination added = destinations.addSftp(companyId, form.sftp(), actor);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, companyId, null, null, "added the destination "
                    + added.where() + " as user " + added.username() + ", its key " + added.hostKeyFingerprint()
                    + " confirmed");
            return added;
        });
    }

    Destinations.Issued addWebhook(long companyId, DestinationForm form, String actor) {
        return transaction.execute(status -> {
            Destinations.Issued issued = destinations.addWebhook(companyId, form.webhook(), actor);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, companyId, null, null, "added the destination "
                    + issued.destination().where());
            return issued;
        });
    }

    Destinations.Issued replaceSecret(long companyId, long id, String actor) {
        return transaction.execute(status -> {
            Destinations.Issued issued = destinations.replaceSecret(companyId, id);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, companyId, null, null, "replaced the secret of "
                    + issued.destination().where());
            return issued;
        });
    }

    void remove(long companyId, long id, String actor) {
        transaction.executeWithoutResult(status -> {
            Destination removed = destinations.remove(companyId, id);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, companyId, null, null, "removed the destination "
                    + removed.where());
        });
    }

    void setSchedules(long companyId, long id, Set<Long> scheduleIds, String actor) {
        transaction.executeWithoutResult(status -> {
            destinations.setSchedules(companyId, id, scheduleIds);
            String where = destinations.find(id).map(Destination::where).orElse("destination " + id);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, companyId, null, null, scheduleIds.isEmpty()
                    ? where + " receives no schedule" : where + " receives the schedules numbered "
                            + scheduleIds.stream().sorted().map(String::valueOf)
                                    .collect(Collectors.joining(", ")));
        });
    }
}
