package org.stagedoor.batch.report;

import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.ColumnType;

/**
 * How an aggregate report keeps a group of fewer than k people (the venue's {@code stagedoor.reports.min-cell-size})
 * from being seen or worked out from the rest of its file. A report declares it; the run hides the cells before
 * the file is written ({@link #hide}). A hidden cell is left empty, never text, so that sums still work in a
 * spreadsheet, and its row has a note. The note is the same for every hidden cell: a note saying a cell was hidden
 * only to cover others would say it holds k or more, and the cells it covers could be worked out again.
 *
 * <ul>
 * <li>A count under k is hidden, and so is the share worked out from it.</li>
 * <li>The rows of a group (a dimension, a measure) with the same value in {@code groupColumn} may add up to a
 * total the reader knows or can work out (any visible count and its share give it away). In each column that adds
 * up, one hidden cell, or hidden cells adding up to less than k, could be worked out or narrowed down from that
 * total: the next smallest visible cells are hidden as well, until at least two are hidden and together hold k or
 * more.</li>
 * <li>Where such a total is under k, every count of the file is hidden.</li>
 * <li>Cells of one row that narrow each other down ({@code hiddenWith}) are hidden together.</li>
 * <li>Where a group's categories fix one count from another (a group size fixes an order's tickets), that other
 * count's total and the group's visible cells would give its hidden cells away, however many are hidden: once the
 * group hides a cell, the other count is hidden in every row of the file ({@link Group#hiddenThroughout}).</li>
 * </ul>
 *
 * @param groupColumn the text column whose value names the group of a row ("Postcode area")
 * @param counts      the count columns
 * @param groups      each group's rule, by the group column's value; a row of a group not named here fails the run
 * @param hiddenWith  per count column, the other columns of the same row that are hidden whenever it is
 * @param share       the column holding each row's share of its group's total; null for none
 * @param note        the text column that says why a row's cells are empty
 */
public record SmallCells(String groupColumn, List<String> counts, Map<String, Group> groups,
        Map<String, List<String>> hiddenWith, String share, String note) {

    /**
     * @param adding           the count columns whose cells in the group add up to a total the reader may know
     * @param shareOf          the count column the group's share is a fraction of; null where the report has none
     * @param hiddenThroughout the columns hidden in every row once a cell of {@code adding} is hidden in the group
     */
    public record Group(List<String> adding, String shareOf, List<String> hiddenThroughout) {

        public Group {
            adding = List.copyOf(adding);
            hiddenThroughout = List.copyOf(hiddenThroughout);
        }

        public Group(List<String> adding, String shareOf) {
            this(adding, shareOf, List.of());
        }
    }

    public SmallCells {
        counts = List.copyOf(counts);
        groups = Map.copyOf(groups);
        hiddenWith = Map.copyOf(hiddenWith);
    }

    /**
     * Hides the small groups of a report's rows and writes the notes.
     *
     * @param rows the report's rows, one value per column, as the run reads them; left unchanged
     * @param minCellSize k: the smallest count shown
     * @return new rows, with hidden cells null and the notes filled in
     * @throws IllegalStateException if a row belongs to a group this declaration does not name
     */
    public List<Object[]> hide(List<Column> columns, List<Object[]> rows, int minCellSize) {
        return new SmallCellTable(this, columns, rows, minCellSize).hide();
    }

    /** Refuses a declaration whose columns the report does not have, or does not have with the right type. */
    void check(List<Column> columns) {
        require(columns, groupColumn, ColumnType.TEXT);
        require(columns, note, ColumnType.TEXT);
        if (share != null) {
            require(columns, share, ColumnType.PERCENTAGE);
        }
        counts.forEach(count -> require(columns, count, ColumnType.INTEGER));
        hiddenWith.forEach((count, others) -> {
            requireCount(count);
            others.forEach(other -> require(columns, other, null));
        });
        groups.values().forEach(group -> {
            group.adding().forEach(this::requireCount);
            group.hiddenThroughout().forEach(column -> require(columns, column, null));
            if (group.shareOf() != null) {
                requireCount(group.shareOf());
            }
            if ((group.shareOf() == null) != (share == null)) {
                throw new IllegalArgumentException("Every group of a report with a share column says what its share"
                        + " is of, and no other");
            }
        });
    }

    private static void require(List<Column> columns, String name, ColumnType type) {
        if (columns.stream().noneMatch(column -> column.name().equals(name) && (type == null
                || column.type() == type))) {
            throw new IllegalArgumentException("The report has no " + (type == null ? "" : type + " ") + "column "
                    + name);
        }
    }

    private void requireCount(String name) {
        if (!counts.contains(name)) {
            throw new IllegalArgumentException(name + " is not one of the report's count columns");
        }
    }
}
