package org.stagedoor.batch.output;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Sizes a sheet's columns from its header and its first rows. A streamed sheet gives its widths before the
 * first rows are flushed, so only a sample can be measured; the same rows always give the same widths,
 * which keeps the file byte for byte the same.
 */
final class ColumnWidths {

    /** Rows measured per sheet: far fewer than a block of rows that fastexcel holds before a flush. */
    static final int SAMPLE_ROWS = 200;

    /** Excel's own default is about 8.43; nothing is made narrower. */
    static final double MIN_WIDTH = 8;

    /** Wide enough for an email address or an event's name, not for a paragraph. */
    static final double MAX_WIDTH = 60;

    /** Room for the header's filter button. */
    private static final int FILTER_BUTTON = 3;

    /** Excel's width unit is a digit of the default font; text needs a little padding either side. */
    private static final int PADDING = 2;

    private final List<Column> columns;

    private final int[] chars;

    private int sampled;

    ColumnWidths(List<Column> columns) {
        this.columns = columns;
        this.chars = new int[columns.size()];
        for (int c = 0; c < chars.length; c++) {
            ColumnType type = columns.get(c).type();
            // Dates and timestamps always show at the same length, rows or not.
            chars[c] = type == ColumnType.DATE ? 10 : type == ColumnType.TIMESTAMP ? 16 : 0;
        }
    }

    /** Measures the row if it is among the first {@link #SAMPLE_ROWS}; the row fits the columns. */
    void sample(Object[] row) {
        if (sampled == SAMPLE_ROWS) {
            return;
        }
        sampled++;
        for (int c = 0; c < chars.length; c++) {
            if (row[c] != null) {
                chars[c] = Math.max(chars[c], displayChars(columns.get(c).type(), row[c]));
            }
        }
    }

    /** The width of column {@code c} in Excel's units. */
    double width(int c) {
        int header = columns.get(c).name().length() + FILTER_BUTTON;
        int data = chars[c] == 0 ? 0 : chars[c] + PADDING;
        return Math.min(Math.max(Math.max(header, data), MIN_WIDTH), MAX_WIDTH);
    }

    /** About how many characters the value shows as, in the formats the writer gives its column. */
    static int displayChars(ColumnType type, Object value) {
        return switch (type) {
            case TEXT -> longestLine((String) value);
            case INTEGER -> value.toString().length();
            case MONEY -> {
                BigDecimal amount = ColumnValues.money((BigDecimal) value);
                int digits = Math.max(amount.precision() - amount.scale(), 1);
                // "£", the thousands separators, the point and the pence, and a minus sign.
                yield 1 + digits + (digits - 1) / 3 + 3 + (amount.signum() < 0 ? 1 : 0);
            }
            case PERCENTAGE -> {
                double fraction = ((Number) value).doubleValue();
                yield String.format(Locale.ROOT, "%.1f%%", fraction * 100).length();
            }
            case DATE -> 10;
            case TIMESTAMP -> 16;
        };
    }

    private static int longestLine(String text) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                longest = Math.max(longest, i - start);
                start = i + 1;
            }
        }
        return longest;
    }
}
