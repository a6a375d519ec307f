package org.stagedoor.batch.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.report.SmallCells;

/**
 * The run reader of an aggregate report: reads every row first, since a group can only be judged against the
 * others, then hands the rows on with their small groups hidden. Such a report has tens of rows.
 */
class SmallCellReader implements ItemStreamReader<Object[]> {

    private final ItemStreamReader<Object[]> delegate;

    private final SmallCells smallCells;

    private final List<Column> columns;

    private final int minCellSize;

    private Iterator<Object[]> rows;

    SmallCellReader(ItemStreamReader<Object[]> delegate, SmallCells smallCells, List<Column> columns,
            int minCellSize) {
        this.delegate = delegate;
        this.smallCells = smallCells;
        this.columns = columns;
        this.minCellSize = minCellSize;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        rows = null;
        delegate.open(executionContext);
    }

    @Override
    public Object[] read() throws Exception {
        if (rows == null) {
            List<Object[]> all = new ArrayList<>();
            for (Object[] row = delegate.read(); row != null; row = delegate.read()) {
                all.add(row);
            }
            rows = smallCells.hide(columns, all, minCellSize).iterator();
        }
        return rows.hasNext() ? rows.next() : null;
    }

    @Override
    public void update(ExecutionContext executionContext) {
        delegate.update(executionContext);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
