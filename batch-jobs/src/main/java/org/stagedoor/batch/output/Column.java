package org.stagedoor.batch.output;

/**
 * A named, typed column of a report's output.
 *
 * @param field the customer's personal-data field the column shows (a customer-list column name such as
 *              {@code email}), which a partner company's data-sharing agreement must allow; null for
 *              columns that hold no personal data
 * @param words for a text column that holds a code of the store ({@code ONLINE_CHECKOUT}), the words both file
 *              formats write instead; null for any other column
 */
public record Column(String name, ColumnType type, String field, CodeWords words) {

    public Column {
        if (words != null && type != ColumnType.TEXT) {
            throw new IllegalArgumentException("Only a text column holds codes to write as words: " + name);
        }
    }

    public Column(String name, ColumnType type, String field) {
        this(name, type, field, null);
    }

    public Column(String name, ColumnType type) {
        this(name, type, null, null);
    }
}
