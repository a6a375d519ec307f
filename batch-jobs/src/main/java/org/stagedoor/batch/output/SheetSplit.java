package org.stagedoor.batch.output;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an XLSX file gives the values of one text column sheets of their own (the behaviour report's measures, which
 * are separate tables): each sheet is named by the value and shows the other columns, but those {@code leftOut}
 * names for its value, which hold nothing there (an event crossover counts customers only). Rows of one value come
 * together. A CSV file keeps the column and every row in one table.
 *
 * @param column  the text column whose value starts a sheet of its own
 * @param leftOut by value, the columns its sheet leaves out
 */
public record SheetSplit(String column, Map<String, List<String>> leftOut) {

    public SheetSplit {
        Objects.requireNonNull(column, "column");
        leftOut = Map.copyOf(leftOut);
    }

    public SheetSplit(String column) {
        this(column, Map.of());
    }

    /** Refuses a split by a column the report does not have, or leaving out one it does not have. */
    public void check(List<Column> columns) {
        require(columns, column);
        leftOut.values().forEach(names -> names.forEach(name -> require(columns, name)));
        if (leftOut.values().stream().anyMatch(names -> names.contains(column))) {
            throw new IllegalArgumentException("A sheet never shows the column " + column + " it is split by");
        }
    }

    private static void require(List<Column> columns, String name) {
        if (columns.stream().noneMatch(c -> c.name().equals(name))) {
            throw new IllegalArgumentException("The report has no column " + name + " to split its sheets by or"
                    + " leave out");
        }
    }
}
