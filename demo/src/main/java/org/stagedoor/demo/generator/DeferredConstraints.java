package org.stagedoor.demo.generator;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sets the foreign keys and secondary indexes of the loaded tables aside for the load and puts them
 * back after it, inside the same transaction. Checking a foreign key row by row costs PostgreSQL
 * several times what storing the row does; adding the constraint afterwards checks every row at once,
 * and building an index once beats growing it row by row. The result is the same: if any row broke
 * a constraint, adding it back fails and the whole load rolls back. Primary keys stay (the triggers
 * look rows up by them), so do check constraints and triggers: the facilitation check (F-2, F-3)
 * and the preference history (P-8) run for every row as usual.
 *
 * Definitions come from the catalogue, so a later migration's indexes and keys are covered too.
 * Changing a table needs its owner; for anyone else the load keeps every constraint in place.
 */
final class DeferredConstraints {

    private final List<String> restore = new ArrayList<>();

    private int foreignKeys;

    private int indexes;

    private DeferredConstraints() {
    }

    static DeferredConstraints setAside(Connection connection, String[] tables, Progress progress)
            throws SQLException {
        DeferredConstraints deferred = new DeferredConstraints();
        Array names = connection.createArrayOf("text", tables);
        if (!ownsAll(connection, names)) {
            progress.say("constraints: not the owner of every table, so they stay in place (a slower load)");
            return deferred;
        }
        List<String> drop = new ArrayList<>();
        try (PreparedStatement keys = connection.prepareStatement("""
                select c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid)
                  from pg_constraint c
                 where c.contype = 'f' and c.conrelid = any (select t::regclass from unnest(?::text[]) t)
                 order by 1, 2
                """)) {
            keys.setArray(1, names);
            try (ResultSet rows = keys.executeQuery()) {
                while (rows.next()) {
                    drop.add("alter table " + rows.getString(1) + " drop constraint " + rows.getString(2));
                    deferred.restore.add("alter table " + rows.getString(1) + " add constraint " + rows.getString(2)
                            + " " + rows.getString(3));
                }
            }
        }
        deferred.foreignKeys = drop.size();
        List<String> indexes = new ArrayList<>();
        // Indexes behind a constraint (primary keys, unique constraints) stay.
        try (PreparedStatement plain = connection.prepareStatement("""
                select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                  from pg_index i
                 where i.indrelid = any (select t::regclass from unnest(?::text[]) t)
                   and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                 order by 1
                """)) {
            plain.setArray(1, names);
            try (ResultSet rows = plain.executeQuery()) {
                while (rows.next()) {
                    drop.add("drop index " + rows.getString(1));
                    indexes.add(rows.getString(2));
                }
            }
        }
        // Indexes first when putting back: the foreign keys' checks may use them.
        deferred.restore.addAll(0, indexes);
        deferred.indexes = indexes.size();
        try (Statement statement = connection.createStatement()) {
            for (String sql : drop) {
                statement.execute(sql);
            }
        }
        progress.say(String.format(Locale.ROOT,
                "constraints: %d foreign keys and %d indexes set aside for the load, checked and rebuilt after it",
                deferred.foreignKeys, deferred.indexes));
        return deferred;
    }

    void restore(Connection connection, Progress progress) throws SQLException {
        if (restore.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            // Index builds sort and key checks hash in memory rather than in temporary files; this
            // transaction only.
            statement.execute("set local maintenance_work_mem = '512MB'");
            statement.execute("set local work_mem = '128MB'");
            for (String sql : restore) {
                statement.execute(sql);
            }
        }
        progress.done(String.format(Locale.ROOT, "%d indexes rebuilt, %d foreign keys checked", indexes, foreignKeys));
    }

    private static boolean ownsAll(Connection connection, Array tables) throws SQLException {
        try (PreparedStatement owns = connection.prepareStatement("""
                select bool_and(pg_has_role(current_user, c.relowner, 'MEMBER'))
                  from pg_class c
                 where c.oid = any (select t::regclass from unnest(?::text[]) t)
                """)) {
            owns.setArray(1, tables);
            try (ResultSet row = owns.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
