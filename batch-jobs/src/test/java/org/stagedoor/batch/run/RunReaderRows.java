package org.stagedoor.batch.run;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.RowMapper;

/** For tests: what a statement returns when the report job's own run reader reads it. */
final class RunReaderRows {

    private RunReaderRows() {
    }

    /** Every row of {@code sql}, read as partner company {@code partner}'s run (null: a venue run). */
    static <T> List<T> read(DataSource dataSource, Long partner, String sql, RowMapper<T> mapper) throws Exception {
        PartnerIsolatedCursorReader reader = new PartnerIsolatedCursorReader(dataSource, sql,
                (rs, row) -> new Object[] { mapper.mapRow(rs, row) }, partner);
        reader.setConnectionAutoCommit(false);
        reader.open(new ExecutionContext());
        try {
            List<T> values = new ArrayList<>();
            for (Object[] row = reader.read(); row != null; row = reader.read()) {
                @SuppressWarnings("unchecked")
                T value = (T) row[0];
                values.add(value);
            }
            return values;
        }
        finally {
            reader.close();
        }
    }
}
