package org.stagedoor.admin;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.erasure.CustomerErasure;

/**
 * An administrator's erasure of a customer, audited in the transaction that makes it: the console's page and its
 * JSON API both act through here. The audit entry names the customer by id only, never by what was erased.
 */
@Component
class CustomerOperations {

    private final CustomerErasure erasure;

    private final ConsoleQueries queries;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    CustomerOperations(CustomerErasure erasure, ConsoleQueries queries, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.erasure = erasure;
        this.queries = queries;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    CustomerErasure.Erasure erase(long customerId, String actor) {
        return transaction.execute(status -> {
            CustomerErasure.Erasure done = erasure.erase(customerId, actor);
            Map<Long, String> names = queries.partnerNames();
            String withdrawn = done.withdrawnFrom().isEmpty() ? "no contact preference to withdraw"
                    : "withdrew the contact preference for partner companies " + done.withdrawnFrom().stream()
                            .map(id -> id + " '" + names.getOrDefault(id, "?") + "'")
                            .collect(Collectors.joining(", "));
            audit.record(actor, AuditLog.Kind.CUSTOMER_ERASED, null, null, null,
                    "erased customer " + customerId + "; " + withdrawn);
            return done;
        });
    }
}
