package org.stagedoor.booking.imports;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The large writes of an import, with the store's guards checked once over the whole set instead of row by row. A
 * table's foreign keys are dropped before the write and added again after it, in the import's transaction: adding a
 * key checks every row of the table against it, as a restore of a dump does. The guard is the same, only checked at
 * once; a row that broke a key fails the import as it would have row by row. The tables stay locked to everyone else
 * until the import commits, so this is for a write that adds a large share of a table (a venue's first import, a large
 * catch-up), never for a nightly import's few changes, which keep the row-by-row checks.
 */
final class LargeWrites {

    /** A write of fewer rows keeps the row-by-row checks: adding a key back costs a scan of the whole table. */
    static final long FEWEST_ROWS = 10_000;

    /** A write of fewer rows than this share of the table's rows keeps them too, for the same reason. */
    private static final double SHARE_OF_TABLE = 0.25;

    private final JdbcClient jdbc;

    private final long fewestRows;

    LargeWrites(JdbcClient jdbc, long fewestRows) {
        this.jdbc = jdbc;
        this.fewestRows = fewestRows;
    }

    /** A constraint of a table (a foreign key, a unique key), by its name and its definition as PostgreSQL says it. */
    private record Constraint(String name, String definition) {
    }

    /** An index of a table, by its name as PostgreSQL prints it and the statement that builds it. */
    private record Index(String name, String definition) {
    }

    /**
     * Whether a write of {@code rows} rows into {@code table} is large enough for its guards to be checked after it,
     * and the import's user owns the table (only an owner may drop and add its keys).
     */
    boolean large(String table, long rows) {
        if (rows < fewestRows) {
            return false;
        }
        return jdbc.sql("""
                select pg_has_role(current_user, c.relowner, 'USAGE') and :rows >= greatest(c.reltuples, 0) * :share
                  from pg_class c where c.oid = cast(:table as regclass)
                """).param("table", table).param("rows", rows).param("share", SHARE_OF_TABLE)
                .query(Boolean.class).single();
    }

    /**
     * Runs {@code write} of {@code rows} rows into {@code table}, with its foreign keys checked and its indexes built
     * after it if the write is large. The unique keys stay, as an upsert's conflict target needs them.
     */
    <T> T checkedAfter(String table, long rows, Supplier<T> write) {
        return large(table, rows) ? keysCheckedAfter(table, () -> indexesBuiltAfter(table, write)) : write.get();
    }

    /**
     * As {@link #checkedAfter}, for a write that only adds rows (no conflict target): its table's unique keys are
     * built after it too, and checked as they are, so a value listed twice fails the write as it would have row by row.
     */
    <T> T checkedAfterAdding(String table, long rows, Supplier<T> write) {
        return large(table, rows) ? keysCheckedAfter(table, () -> rebuilt(table, write)) : write.get();
    }

    private <T> T keysCheckedAfter(String table, Supplier<T> write) {
        return withoutConstraints(table, "f", write);
    }

    /** Runs {@code write} with {@code table}'s constraints of a kind dropped, and adds them (checked) after it. */
    private <T> T withoutConstraints(String table, String kind, Supplier<T> write) {
        List<Constraint> constraints = constraints(table, kind);
        for (Constraint constraint : constraints) {
            drop(table, constraint);
        }
        T written = write.get();
        for (Constraint constraint : constraints) {
            add(table, constraint);
        }
        return written;
    }

    /**
     * The table's constraints of a kind (PostgreSQL's {@code contype}): its foreign keys, or its keys that no other
     * table's foreign key needs.
     */
    private List<Constraint> constraints(String table, String kind) {
        return jdbc.sql("""
                select c.conname, pg_get_constraintdef(c.oid) as definition from pg_constraint c
                 where c.conrelid = cast(:table as regclass) and c.contype = :kind
                   and (c.contype = 'f'
                        or not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid))
                 order by c.conname
                """).param("table", table).param("kind", kind)
                .query((rs, n) -> new Constraint(rs.getString("conname"), rs.getString("definition"))).list();
    }

    // The table's name is one of the import's constants; the constraints' names and definitions are the store's own,
    // read from its catalogue.
    private void drop(String table, Constraint constraint) {
        jdbc.sql("alter table " + table + " drop constraint " + quoted(constraint.name())).update();
    }

    private void add(String table, Constraint constraint) {
        jdbc.sql("alter table " + table + " add constraint " + quoted(constraint.name()) + " "
                + constraint.definition()).update();
    }

    /**
     * Runs {@code write} with {@code table}'s indexes that back no constraint dropped, and builds them again after it,
     * in the same transaction, as a restore of a dump does: building an index from the whole table sorts it once,
     * where a write keeps it entry by entry. The primary key and unique constraints stay, as an upsert's conflict
     * target needs them. A unique index that is not a constraint (an email address used once) is checked as it is
     * built, so a row that breaks it fails the write as it would have row by row.
     */
    <T> T indexesBuiltAfter(String table, Supplier<T> write) {
        List<Index> indexes = jdbc.sql("""
                select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
                  from pg_index i
                 where i.indrelid = cast(:table as regclass)
                   and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                 order by 1
                """).param("table", table)
                .query((rs, n) -> new Index(rs.getString("name"), rs.getString("definition"))).list();
        // The indexes' names, as regclass prints them (quoted where needed), and their definitions are the store's
        // own, read from its catalogue.
        for (Index index : indexes) {
            jdbc.sql("drop index " + index.name()).update();
        }
        T written = write.get();
        for (Index index : indexes) {
            jdbc.sql(index.definition()).update();
        }
        return written;
    }

    /**
     * Whether {@code table}'s own triggers are exactly {@code triggers}: a write that does their work itself must know
     * every one of them, so a trigger added to the store later sends the import back to the row-by-row write.
     */
    boolean triggersAre(String table, List<String> triggers) {
        List<String> present = jdbc.sql("""
                select tgname from pg_trigger where tgrelid = cast(:table as regclass) and not tgisinternal
                 order by tgname
                """).param("table", table).query(String.class).list();
        return present.equals(triggers.stream().sorted().toList());
    }

    /** Runs {@code write} with {@code table}'s {@code trigger} off; the write does the trigger's work itself. */
    <T> T withoutTrigger(String table, String trigger, Supplier<T> write) {
        turn(table, trigger, false);
        T written = write.get();
        turn(table, trigger, true);
        return written;
    }

    /**
     * Turns {@code table}'s {@code trigger} on or off, for a write that does its work itself; one that turns it off
     * turns it on again before the import's transaction ends.
     */
    void turn(String table, String trigger, boolean on) {
        // Names from the import's constants.
        jdbc.sql("alter table " + table + (on ? " enable" : " disable") + " trigger " + quoted(trigger)).update();
    }

    /**
     * Runs {@code write}, which only adds rows to {@code table} (a summary's rebuild, a first import: never an upsert),
     * with every index of the table built after it: also those of its unique keys, which the write needs for no
     * conflict target, and which are checked as they are added back. The primary key stays (an identity, written in
     * order), and so does a unique key that another table's foreign key refers to.
     */
    <T> T rebuilt(String table, Supplier<T> write) {
        return withoutConstraints(table, "u", () -> indexesBuiltAfter(table, write));
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
