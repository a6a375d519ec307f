package org.stagedoor.booking.store;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Every table's row count, for tests that show a refused request wrote nothing anywhere. */
public final class TableRowCounts {

    private TableRowCounts() {
    }

    /**
     * Counted by the database, in one statement; the table names come from its catalogue. Quartz's record of the live
     * scheduler nodes is left out: other test contexts' nodes check in and out of it at any moment.
     */
    public static Map<String, Long> of(JdbcClient jdbc) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select table_name,
                       (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', table_schema,
                                                                   table_name), false, true, '')))[1]::text::bigint
                  from information_schema.tables
                 where table_schema = current_schema() and table_type = 'BASE TABLE'
                   and table_name <> 'qrtz_scheduler_state'
                 order by table_name
                """).query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }
}
