package org.stagedoor.batch.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Checks row values against their column types and holds the rules both file formats share. */
final class ColumnValues {

    private ColumnValues() {
    }

    static ColumnType[] types(List<Column> columns) {
        return columns.stream().map(Column::type).toArray(ColumnType[]::new);
    }

    /** The indexes of the columns whose codes are written as words. */
    static int[] worded(List<Column> columns) {
        return java.util.stream.IntStream.range(0, columns.size()).filter(i -> columns.get(i).words() != null)
                .toArray();
    }

    /**
     * The row as the file shows it: each code of a {@link #worded} column in its words. The caller's row is left as
     * it is (a copy is made only when there is something to word).
     */
    static Object[] inWords(List<Column> columns, int[] worded, Object[] row) {
        if (worded.length == 0) {
            return row;
        }
        Object[] shown = row.clone();
        for (int i : worded) {
            shown[i] = columns.get(i).words().words((String) row[i]);
        }
        return shown;
    }

    /**
     * Refuses a row whole, before any of it is written, if it does not fit the columns. The message names
     * the column and the Java type found but never the value, which may be personal data bound for a log.
     */
    static void check(List<Column> columns, ColumnType[] types, Object[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != types.length) {
            throw new IllegalArgumentException(
                    "A row has " + row.length + " values but the report has " + types.length + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value != null && !accepts(types[i], value)) {
                throw refused(columns.get(i), value);
            }
        }
    }

    private static boolean accepts(ColumnType type, Object value) {
        return switch (type) {
            case TEXT -> value instanceof String;
            case INTEGER -> value instanceof Long || value instanceof Integer;
            case MONEY -> value instanceof BigDecimal;
            case DATE -> value instanceof LocalDate;
            case TIMESTAMP -> value instanceof Instant;
            case PERCENTAGE -> value instanceof BigDecimal || value instanceof Double d && Double.isFinite(d);
        };
    }

    private static IllegalArgumentException refused(Column column, Object value) {
        String expected = switch (column.type()) {
            case TEXT -> "String";
            case INTEGER -> "Long or Integer";
            case MONEY -> "BigDecimal";
            case DATE -> "LocalDate";
            case TIMESTAMP -> "Instant";
            case PERCENTAGE -> "BigDecimal or a finite Double";
        };
        String found = column.type() == ColumnType.PERCENTAGE && value instanceof Double
                ? "the Double " + value
                : "a " + value.getClass().getName();
        return new IllegalArgumentException("Column '" + column.name() + "' is " + column.type() + " and takes "
                + expected + ", but the value is " + found);
    }

    /** Money is shown to two decimals; rounding here keeps CSV and XLSX files of one run in agreement. */
    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
