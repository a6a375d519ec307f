package org.stagedoor.batch.customerlist;

/** What a purchasing segment adds up. */
public enum PurchaseKind {

    /** The price of memberships bought. */
    MEMBERSHIP,

    /** The amount of donations. */
    DONATION,

    /** The price of tickets still SOLD (returned tickets do not count). */
    TICKET
}
