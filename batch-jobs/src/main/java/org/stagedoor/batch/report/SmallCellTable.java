package org.stagedoor.batch.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.Column;

/** One run's rows while {@link SmallCells} hides their small groups: which cells are hidden. */
final class SmallCellTable {

    private final SmallCells rules;

    private final int minCellSize;

    private final Object[][] rows;

    private final boolean[][] hidden;

    private final Map<String, Integer> index = new HashMap<>();

    /** Row numbers by group, in the order the groups first appear. */
    private final Map<String, List<Integer>> groups = new LinkedHashMap<>();

    SmallCellTable(SmallCells rules, List<Column> columns, List<Object[]> rows, int minCellSize) {
        this.rules = rules;
        this.minCellSize = minCellSize;
        this.rows = rows.stream().map(Object[]::clone).toArray(Object[][]::new);
        this.hidden = new boolean[rows.size()][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            index.put(columns.get(c).name(), c);
        }
        for (int r = 0; r < this.rows.length; r++) {
            Object group = this.rows[r][index.get(rules.groupColumn())];
            if (!(group instanceof String name) || !rules.groups().containsKey(name)) {
                // Hiding nothing is never the fallback: the run fails instead.
                throw new IllegalStateException("A row of the report belongs to the group " + group
                        + ", which has no rule for hiding small groups");
            }
            groups.computeIfAbsent(name, key -> new ArrayList<>()).add(r);
        }
    }

    List<Object[]> hide() {
        boolean all = populationUnderMinimum();
        for (int r = 0; r < rows.length; r++) {
            for (String column : rules.counts()) {
                long value = count(r, column);
                if (all || value > 0 && value < minCellSize) {
                    hide(r, column);
                }
            }
        }
        // Hiding a cell for one rule may call for another: until nothing more is hidden.
        boolean changed;
        do {
            changed = hideReadBack();
            changed |= coverEveryGroup();
            changed |= hideThroughout();
        }
        while (changed);
        List<Object[]> result = new ArrayList<>(rows.length);
        for (int r = 0; r < rows.length; r++) {
            result.add(written(r));
        }
        return result;
    }

    /** Whether a group adds up to fewer than k: then every count of the file is hidden. */
    private boolean populationUnderMinimum() {
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            for (String column : rules.groups().get(group.getKey()).adding()) {
                long total = group.getValue().stream().mapToLong(r -> count(r, column)).sum();
                if (total < minCellSize) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean hideReadBack() {
        boolean changed = false;
        for (int r = 0; r < rows.length; r++) {
            for (Map.Entry<String, List<String>> link : rules.hiddenWith().entrySet()) {
                if (hidden[r][index.get(link.getKey())]) {
                    for (String other : link.getValue()) {
                        changed |= hide(r, other);
                    }
                }
            }
        }
        return changed;
    }

    /** A group that hides a cell it adds up hides its {@code hiddenThroughout} columns in every row. */
    private boolean hideThroughout() {
        boolean changed = false;
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            SmallCells.Group rule = rules.groups().get(group.getKey());
            boolean hides = group.getValue().stream().anyMatch(r -> rule.adding().stream()
                    .anyMatch(column -> hidden[r][index.get(column)]));
            if (hides) {
                for (String column : rule.hiddenThroughout()) {
                    for (int r = 0; r < rows.length; r++) {
                        changed |= hide(r, column);
                    }
                }
            }
        }
        return changed;
    }

    private boolean coverEveryGroup() {
        boolean changed = false;
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            for (String column : rules.groups().get(group.getKey()).adding()) {
                changed |= cover(group.getValue(), column);
            }
        }
        return changed;
    }

    /**
     * Within one group's column that adds up to a known total: while one cell alone, or cells adding up to less
     * than k, are hidden, hides the smallest visible cell as well (the first of equals).
     */
    private boolean cover(List<Integer> group, String column) {
        int c = index.get(column);
        List<Integer> visible = new ArrayList<>();
        int hiddenCells = 0;
        long hiddenSum = 0;
        for (int r : group) {
            long value = count(r, column);
            if (value == 0) {
                // An absent or empty category adds nothing: hiding it would cover nothing.
                continue;
            }
            if (!hidden[r][c]) {
                visible.add(r);
            }
            else {
                hiddenCells++;
                hiddenSum += value;
            }
        }
        visible.sort(Comparator.<Integer>comparingLong(r -> count(r, column)).thenComparingInt(r -> r));
        boolean changed = false;
        for (int i = 0; i < visible.size() && hiddenCells > 0 && (hiddenCells < 2 || hiddenSum < minCellSize); i++) {
            int r = visible.get(i);
            hide(r, column);
            hiddenCells++;
            hiddenSum += count(r, column);
            changed = true;
        }
        return changed;
    }

    private boolean hide(int r, String column) {
        int c = index.get(column);
        if (rows[r][c] == null || hidden[r][c]) {
            return false;
        }
        hidden[r][c] = true;
        return true;
    }

    /** A count cell's value; 0 for an empty one. */
    private long count(int r, String column) {
        Object value = rows[r][index.get(column)];
        return value == null ? 0 : ((Number) value).longValue();
    }

    private Object[] written(int r) {
        Object[] row = rows[r];
        SmallCells.Group group = rules.groups().get((String) row[index.get(rules.groupColumn())]);
        if (rules.share() != null && hidden[r][index.get(group.shareOf())]) {
            row[index.get(rules.share())] = null;
        }
        boolean any = false;
        for (int c = 0; c < row.length; c++) {
            if (hidden[r][c]) {
                row[c] = null;
                any = true;
            }
        }
        if (any) {
            // The same words for a number under k and for one hidden to cover it: see SmallCells.
            row[index.get(rules.note())] = "Hidden so that no number under " + minCellSize
                    + " can be seen or worked out";
        }
        return row;
    }
}
