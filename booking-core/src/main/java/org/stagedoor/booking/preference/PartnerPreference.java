package org.stagedoor.booking.preference;

import java.time.Instant;

/**
 * A customer's current preference for one partner company; {@code setAt} and {@code channel} are
 * null where there is no record (which counts as NOT_ASKED, P-3).
 */
public record PartnerPreference(long customerId, long partnerCompanyId, String partnerCompanyName,
        PreferenceState state, Instant setAt, PreferenceChannel channel) {
}
