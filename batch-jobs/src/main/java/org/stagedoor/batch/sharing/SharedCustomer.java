package org.stagedoor.batch.sharing;

import java.time.Instant;

/** One customer whose data a partner run's file holds, with the consent behind it at the cut-off (P-8). */
public record SharedCustomer(long customerId, String consentState, Instant consentSetAt, String consentChannel,
        String email) {
}
