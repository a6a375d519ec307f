package org.stagedoor.batch.customerlist;

/**
 * How a segment combines with the customers selected by the segments before it. Segments are
 * combined left to right, each with the result so far: {@code ((s1 op2 s2) op3 s3) …}.
 */
public enum SetOperator {

    /** Customers in both: the result so far and this segment. */
    AND("intersect"),

    /** Customers in either. */
    OR("union"),

    /** Customers in the result so far but not in this segment. */
    EXCEPT("except");

    private final String sql;

    SetOperator(String sql) {
        this.sql = sql;
    }

    /** The fixed SQL set operation. */
    String sql() {
        return sql;
    }
}
