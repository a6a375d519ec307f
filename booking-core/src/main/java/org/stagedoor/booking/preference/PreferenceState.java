package org.stagedoor.booking.preference;

/** P-3: a customer's contact preference for one partner company. No record counts as NOT_ASKED. */
public enum PreferenceState {
    YES, NO, NOT_ASKED
}
