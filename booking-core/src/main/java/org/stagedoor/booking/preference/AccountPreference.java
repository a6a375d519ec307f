package org.stagedoor.booking.preference;

/** A line of the account or box-office preference screen (P-6). */
public record AccountPreference(PartnerPreference preference, boolean bookedFor) {
}
