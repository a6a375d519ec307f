package org.stagedoor.batch.report;

/** The kinds of run-time input a report takes. */
public enum ParameterType {

    /** A period: previous-week, last-N-days, month-to-date, previous-month, next-N-days or FROM..TO. */
    PERIOD,

    /** A customer-list definition (JSON), compiled to one parameterised statement. */
    CUSTOMER_LIST,

    /** Personal-data columns to output, by customer-list column name, comma-separated ("id,email"). */
    COLUMNS
}
