package org.stagedoor.booking.store;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties every table of the schema between tests, keeping the migrations and the venue row. */
public final class StoreReset {

    private StoreReset() {
    }

    public static void emptyAllTables(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("""
                select quote_ident(tablename) from pg_tables
                 where schemaname = current_schema()
                   and tablename not in ('flyway_schema_history', 'venue')
                   -- Quartz's own tables are emptied through its API (Scheduler.clear), which a running node expects.
                   and tablename not like 'qrtz\\_%'
                """).query(String.class).list();
        if (!tables.isEmpty()) {
            // Table names come from the catalogue, quoted by PostgreSQL itself; no value is concatenated.
            jdbc.sql("truncate table " + tables.stream().collect(Collectors.joining(", "))
                    + " restart identity cascade").update();
        }
        jdbc.sql("""
                update venue set date_of_birth_required = false
                """).update();
    }
}
