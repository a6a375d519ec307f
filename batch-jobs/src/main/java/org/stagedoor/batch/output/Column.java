package org.stagedoor.batch.output;

/**
 * A named, typed column of a report's output.
 *
 * @param field the customer's personal-data field the column shows (a customer-list column name such as
 *              {@code email}), which a partner company's data-sharing agreement must allow; null for
 *              columns that hold no personal data
 */
public record Column(String name, ColumnType type, String field) {

    public Column(String name, ColumnType type) {
        this(name, type, null);
    }
}
