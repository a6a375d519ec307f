package org.stagedoor.batch.report;

/** Who a report may be run for. */
public enum Audience {

    /** Run once per partner company, always bound to it; may be granted to its users. */
    PARTNER,

    /** The venue's own staff only; never run for, or shared with, a partner company. */
    VENUE,

    /** Either: for the venue, or for one partner company and then bound to it like a partner report. */
    ANY
}
