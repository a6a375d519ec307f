package org.stagedoor.batch.customerlist;

/**
 * F-10: whom a booking or purchasing segment credits an order to, chosen per segment; one segment
 * never mixes the two. There is no default, so every definition says which it means.
 */
public enum GroupBy {

    /** The order's owner: the customer it is for, who attends or holds the membership. */
    OWNER("s.owner_id"),

    /**
     * The person who made the order: its facilitator, or its owner when nobody facilitated, since a
     * plain order is made by its owner. A parent who books for a child is credited with that booking,
     * and so is a customer booking for themselves.
     */
    FACILITATOR("s.credited_id");

    private final String sql;

    GroupBy(String sql) {
        this.sql = sql;
    }

    /** The fixed SQL column of {@code order_summary s} holding the customer credited. */
    String sql() {
        return sql;
    }
}
