package org.stagedoor.booking.preference;

import java.time.Instant;

/** One entry of the append-only preference history (P-8). */
public record PreferenceChange(long customerId, long partnerCompanyId, PreferenceState state,
        PreferenceState previousState, Instant setAt, PreferenceChannel channel, String recordedBy) {
}
