package org.stagedoor.scheduler.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.InvalidRequestException;

/** What the outbox holds, for the admin console, and the administrator's decision to send one again. */
@Component
public class Deliveries {

    private static final int MAX_LIMIT = 1000;

    private final DeliveryStore store;

    Deliveries(DeliveryStore store) {
        this.store = store;
    }

    /** The newest deliveries first, all of them or (status not null) those in one state. */
    public List<Delivery> recent(DeliveryStatus status, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "ask for 1 to " + MAX_LIMIT + " deliveries");
        }
        return store.recent(status, limit);
    }

    public Optional<Delivery> find(long deliveryId) {
        return store.find(deliveryId);
    }

    /**
     * Records that the download link a web address was given for this delivery was followed, in the caller's
     * transaction; false when it was followed before (a link works once) or the delivery went to no web address.
     */
    public boolean useLink(long deliveryId) {
        return store.useLink(deliveryId);
    }

    /** Every delivery of a run, oldest first. */
    public List<Delivery> ofRun(long runId) {
        return store.ofRun(runId);
    }

    /**
     * Puts a FAILED or UNKNOWN delivery back to PENDING, due now, with a fresh count of attempts. For UNKNOWN this
     * is the administrator's call that it did not arrive: the system never makes it, since it could send the mail
     * twice.
     *
     * @throws InvalidRequestException when there is no such delivery or it is in any other state
     */
    public Delivery retry(long deliveryId) {
        if (!store.retry(deliveryId)) {
            Delivery delivery = store.find(deliveryId)
                    .orElseThrow(() -> new InvalidRequestException("delivery", "no delivery with id " + deliveryId));
            throw new InvalidRequestException("delivery", "delivery " + deliveryId + " is "
                    + delivery.status().name().toLowerCase(Locale.ROOT)
                    + "; only a delivery that failed, or whose outcome is not known, can be sent again"
                    + (delivery.status() == DeliveryStatus.SENT ? " (this one was sent)" : ""));
        }
        return store.find(deliveryId).orElseThrow();
    }
}
