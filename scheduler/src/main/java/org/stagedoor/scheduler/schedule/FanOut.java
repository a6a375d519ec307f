package org.stagedoor.scheduler.schedule;

/** For whom each fire of a schedule runs its report: one run per partner company, or the venue's own. */
public enum FanOut {
    /** The one partner company the schedule names. */
    ONE_PARTNER,
    /** Every partner company with a performance in the period of the fire. */
    PARTNERS_WITH_EVENTS,
    /** Every partner company that collects contact preferences. */
    PARTNERS_COLLECTING_PREFERENCES,
    /** The venue itself: one run, not for a partner company. */
    VENUE;

    public boolean forPartners() {
        return this != VENUE;
    }
}
