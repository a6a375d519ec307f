package org.stagedoor.admin;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.delivery.Deliveries;
import org.stagedoor.scheduler.delivery.Delivery;

/**
 * An administrator's decision to send a delivery again, audited in the transaction that queues it: the console's
 * page and its JSON API both act through here. Only a person decides this, since an UNKNOWN delivery may have
 * arrived already.
 */
@Component
class DeliveryOperations {

    private final Deliveries deliveries;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    DeliveryOperations(Deliveries deliveries, AuditLog audit, PlatformTransactionManager transactions) {
        this.deliveries = deliveries;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Queues a FAILED or UNKNOWN delivery to be sent again; the audit entry keeps how it had gone and what it was.
     *
     * @throws NotFoundException when there is no such delivery
     */
    Delivery retry(long id, String actor) {
        Delivery delivery = deliveries.find(id).orElseThrow(() -> new NotFoundException("delivery", id));
        return transaction.execute(status -> {
            Delivery retried = deliveries.retry(id);
            audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, null, delivery.runId(), null,
                    "sent delivery " + id + " to " + delivery.recipient() + " again (was " + delivery.status() + ": "
                            + delivery.subject() + ")");
            return retried;
        });
    }
}
