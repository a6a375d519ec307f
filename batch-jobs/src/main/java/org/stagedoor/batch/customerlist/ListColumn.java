package org.stagedoor.batch.customerlist;

import java.util.Arrays;
import java.util.Optional;

import org.stagedoor.batch.output.CodeWords;
import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.ColumnType;
import org.stagedoor.booking.preference.PreferenceChannel;

/**
 * The columns a customer list can output, each a fixed SQL expression over {@code customer c} (and,
 * in a run for a partner company, {@code partner_preference rp}: that customer's YES for it).
 */
public enum ListColumn {

    ID("id", "Customer id", "c.id", ColumnType.INTEGER, false),
    TITLE("title", "Title", "c.title", ColumnType.TEXT, false),
    FIRST_NAME("first_name", "First name", "c.first_name", ColumnType.TEXT, false),
    LAST_NAME("last_name", "Last name", "c.last_name", ColumnType.TEXT, false),
    ORGANISATION_NAME("organisation_name", "Organisation", "c.organisation_name", ColumnType.TEXT, false),
    /** "Ms Ada Lovelace", or an organisation's name. */
    NAME("name", "Name", "customer_name(c.kind, c.title, c.first_name, c.last_name, c.organisation_name)",
            ColumnType.TEXT, false),
    EMAIL("email", "Email", "c.email", ColumnType.TEXT, false),
    PHONE("phone", "Phone", "c.phone", ColumnType.TEXT, false),
    MOBILE("mobile", "Mobile", "c.mobile", ColumnType.TEXT, false),
    POSTCODE("postcode", "Postcode", "c.postcode", ColumnType.TEXT, false),
    /** P-8: when the customer said YES to the partner company, the consent behind the data shared. */
    PREFERENCE_SET_AT("preference_set_at", "Preference set at", "rp.set_at", ColumnType.TIMESTAMP, true),
    /** P-8: through which channel they said it. */
    PREFERENCE_CHANNEL("preference_channel", "Preference channel", "rp.channel", ColumnType.TEXT, true,
            CodeWords.of(PreferenceChannel.class, PreferenceChannel::words));

    private final String columnName;

    private final String heading;

    private final String sql;

    private final ColumnType type;

    private final boolean partnerRunOnly;

    /** For a column of codes, how the file words them. */
    private final CodeWords words;

    ListColumn(String columnName, String heading, String sql, ColumnType type, boolean partnerRunOnly) {
        this(columnName, heading, sql, type, partnerRunOnly, null);
    }

    ListColumn(String columnName, String heading, String sql, ColumnType type, boolean partnerRunOnly,
            CodeWords words) {
        this.columnName = columnName;
        this.heading = heading;
        this.sql = sql;
        this.type = type;
        this.partnerRunOnly = partnerRunOnly;
        this.words = words;
    }

    /** The name in a definition's {@code columns}. */
    public String columnName() {
        return columnName;
    }

    /** The column as the file shows it, headed in words like the other reports ("First name"). */
    public Column column() {
        return new Column(heading, type, columnName, words);
    }

    /** Whether only a run for a partner company has this column (its preference for that company). */
    public boolean partnerRunOnly() {
        return partnerRunOnly;
    }

    String sql() {
        return sql;
    }

    public static Optional<ListColumn> named(String columnName) {
        return Arrays.stream(values()).filter(column -> column.columnName.equals(columnName)).findFirst();
    }
}
