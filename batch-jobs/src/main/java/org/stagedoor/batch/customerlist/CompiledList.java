package org.stagedoor.batch.customerlist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.Column;

/**
 * A customer list ready to run: one SQL statement with named parameters ({@code :s1_partner}), for
 * {@code JdbcClient} or {@code NamedParameterJdbcTemplate}, which expand the collection values of
 * {@code in (:…)}. Rows come ordered by customer id, one column per entry of {@code columns}, with
 * the column's name as its label. Times are {@link java.time.OffsetDateTime} in UTC.
 *
 * @param ledger whether each row ends, after {@code columns}, with five more for the sharing ledger: customer
 *               id, consent state, its set-at and channel, and the email address (a run for a partner company)
 */
public record CompiledList(String sql, Map<String, Object> parameters, List<Column> columns, boolean ledger) {

    public CompiledList(String sql, Map<String, Object> parameters, List<Column> columns) {
        this(sql, parameters, columns, false);
    }

    public CompiledList {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        columns = List.copyOf(columns);
    }
}
