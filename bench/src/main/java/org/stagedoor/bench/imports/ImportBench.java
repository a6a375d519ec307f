package org.stagedoor.bench.imports;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import org.stagedoor.bench.BenchApplication;
import org.stagedoor.demo.generator.GeneratorSettings;
import org.stagedoor.demo.generator.VenueDataGenerator;
import org.stagedoor.booking.imports.ImportOutcome;
import org.stagedoor.booking.imports.VenueImport;

/**
 * The import against a bare COPY of the same data, side by side, in one JVM. The generator's venue of
 * {@code stagedoor.bench.customers} customers (10 tickets each) is written out once as the import's CSV files; the
 * first import then also writes the store's tables it filled out as CSV files of their own columns (ids, store values;
 * outside the timing). Each round, on an emptied store: the import of the files; the baseline, PostgreSQL's COPY FROM
 * of the store's files into the store's own tables (with their indexes) with triggers and foreign keys off
 * ({@code session_replication_role = replica}); and, for comparison with the earlier bench, COPY FROM of the import's
 * files into unlogged tables of text columns. Prints each round, the medians and spreads, the import's peak heap and
 * the load average.
 */
public final class ImportBench {

    /** The import's files, each as the query that writes it from the generated store, in the import's words. */
    private static final Map<String, String> EXPORTS = exports();

    /** The store's tables an import writes, in an order their references allow. */
    private static final List<String> STORE_TABLES = List.of("partner_company", "relationship_type", "customer",
            "relationship", "event", "event_instance", "event_partner_company", "membership_scheme", "price_band",
            "customer_order", "membership", "donation", "ticket", "partner_preference", "partner_preference_history");

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("stagedoor.bench.rounds", 3);
        int customers = Integer.getInteger("stagedoor.bench.customers", 10_000);
        Path files = Path.of(System.getProperty("stagedoor.bench.files", "target/import-bench-" + customers));
        try (ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class, args)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            DataSource dataSource = context.getBean(DataSource.class);
            if (!Files.isDirectory(files) && Boolean.getBoolean("stagedoor.bench.generated")) {
                // The store already holds the generator's venue (a copy of another bench's database): written out
                // as it is.
                Files.createDirectories(files);
                export(dataSource, files);
            }
            if (!Files.isDirectory(files)) {
                emptyStore(jdbc);
                GeneratorSettings settings = new GeneratorSettings(GeneratorSettings.DEFAULT_SEED,
                        Instant.now().truncatedTo(ChronoUnit.DAYS), customers, Math.max(40, customers / 500), 15,
                        10L * customers);
                System.out.println(context.getBean(VenueDataGenerator.class).generate(settings, line -> { }));
                Files.createDirectories(files);
                export(dataSource, files);
            }
            long bytes = 0;
            try (var listing = Files.list(files)) {
                for (Path file : listing.toList()) {
                    bytes += Files.size(file);
                }
            }
            Path store = files.resolve("store");
            List<Double> imports = new ArrayList<>();
            List<Double> copies = new ArrayList<>();
            List<Double> guardedCopies = new ArrayList<>();
            List<Double> indexedAfterCopies = new ArrayList<>();
            List<Double> textCopies = new ArrayList<>();
            long rows = 0;
            long peakHeap = 0;
            for (int round = 0; round < rounds; round++) {
                emptyStore(jdbc);
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                ImportOutcome outcome = context.getBean(VenueImport.class).run(files, files, System.out::println);
                imports.add((System.nanoTime() - start) / 1e9);
                peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum());
                if (!outcome.applied()) {
                    throw new IllegalStateException("the generated files were refused: " + outcome.refusals().get(0));
                }
                rows = outcome.files().stream().mapToLong(file -> file.rows()).sum();
                if (!Files.isDirectory(store)) {
                    Files.createDirectories(store.resolveSibling("store.part"));
                    exportStore(dataSource, store.resolveSibling("store.part"));
                    Files.move(store.resolveSibling("store.part"), store);
                }
                emptyStore(jdbc);
                start = System.nanoTime();
                copyStore(dataSource, store, false);
                copies.add((System.nanoTime() - start) / 1e9);
                emptyStore(jdbc);
                start = System.nanoTime();
                copyStoreIndexedAfter(dataSource, store);
                indexedAfterCopies.add((System.nanoTime() - start) / 1e9);
                if (Boolean.parseBoolean(System.getProperty("stagedoor.bench.guarded", "true"))) {
                    emptyStore(jdbc);
                    start = System.nanoTime();
                    copyStore(dataSource, store, true);
                    guardedCopies.add((System.nanoTime() - start) / 1e9);
                }
                else {
                    guardedCopies.add(Double.NaN);
                }
                emptyStore(jdbc);
                start = System.nanoTime();
                bareCopy(dataSource, files);
                textCopies.add((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "round %d: import %.1f s, COPY into the store's tables %.1f s"
                        + " (with their indexes built after it %.1f s; with their triggers and foreign keys %.1f s),"
                        + " COPY into text tables %.1f s, load %.2f%n", round + 1, imports.get(round),
                        copies.get(round), indexedAfterCopies.get(round), guardedCopies.get(round),
                        textCopies.get(round), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            double importMedian = median(imports);
            double copyMedian = median(copies);
            System.out.printf(Locale.ROOT, "| %,d customers | %,d rows | %.1f MB | %d rounds | import %.1f s"
                    + " (%.1f-%.1f, %,.0f rows/s) | COPY into the store's tables %.1f s (%.1f-%.1f)"
                    + " | import / COPY %.2f× | COPY with indexes built after %.1f s (%.1f-%.1f), import / it %.2f× |"
                    + " COPY with triggers and foreign keys %.1f s (%.1f-%.1f) | COPY into text tables %.2f s |"
                    + " peak heap %d MB of %d MB |%n", customers, rows, bytes / 1e6, rounds, importMedian,
                    min(imports), max(imports), rows / importMedian, copyMedian, min(copies), max(copies),
                    importMedian / copyMedian, median(indexedAfterCopies), min(indexedAfterCopies),
                    max(indexedAfterCopies), importMedian / median(indexedAfterCopies),
                    median(guardedCopies), min(guardedCopies), max(guardedCopies),
                    median(textCopies), peakHeap / (1024 * 1024),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    /**
     * The baseline as a restore of a dump loads it: the same COPY, with the tables' indexes other than primary keys
     * (and unique keys another table's foreign key needs) dropped before it and built after it, in the same
     * transaction, with the import's memory for building them. What the import does for a large write into an empty
     * table, without its checks.
     */
    private static void copyStoreIndexedAfter(DataSource dataSource, Path store) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql("set local maintenance_work_mem = '256MB'").update();
            List<String> drops = new ArrayList<>();
            List<String> builds = new ArrayList<>();
            // Names and definitions from the store's catalogue.
            jdbc.sql("""
                    select t.relname as table_name, i.indexrelid::regclass::text as index_name,
                           pg_get_indexdef(i.indexrelid) as index_definition, c.conname,
                           pg_get_constraintdef(c.oid) as constraint_definition
                      from pg_index i join pg_class t on t.oid = i.indrelid
                      left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
                     where t.relname in (:tables) and not i.indisprimary
                       and not exists (select 1 from pg_constraint f
                                        where f.contype = 'f' and f.conindid = i.indexrelid)
                    """).param("tables", STORE_TABLES).query(rs -> {
                        String table = rs.getString("table_name");
                        String constraint = rs.getString("conname");
                        if (constraint == null) {
                            drops.add("drop index " + rs.getString("index_name"));
                            builds.add(rs.getString("index_definition"));
                        }
                        else {
                            drops.add("alter table " + table + " drop constraint \"" + constraint + "\"");
                            builds.add("alter table " + table + " add constraint \"" + constraint + "\" "
                                    + rs.getString("constraint_definition"));
                        }
                    });
            drops.forEach(drop -> jdbc.sql(drop).update());
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : STORE_TABLES) {
                try (InputStream in = Files.newInputStream(store.resolve(table + ".csv"))) {
                    copy.copyIn("copy " + table + " from stdin with (format csv)", in);
                }
            }
            builds.forEach(build -> jdbc.sql(build).update());
            connection.commit();
        }
    }

    /** The store's tables the import filled, each as CSV of all its columns: the baseline's input. */
    private static void exportStore(DataSource dataSource, Path store) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : STORE_TABLES) {
                try (OutputStream out = Files.newOutputStream(store.resolve(table + ".csv"))) {
                    copy.copyOut("copy " + table + " to stdout with (format csv)", out);
                }
            }
        }
    }

    /**
     * The baseline: the store's files into the store's own tables in one transaction, their indexes kept (unique
     * ones too), their triggers and foreign keys not run (replica role), no other work. With {@code guarded}, for
     * comparison, the same COPY with the store's triggers and foreign keys on: the preference history is then
     * written by its trigger, not copied.
     */
    private static void copyStore(DataSource dataSource, Path store, boolean guarded) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (!guarded) {
                try (var statement = connection.createStatement()) {
                    statement.execute("set local session_replication_role = replica");
                }
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : STORE_TABLES) {
                if (guarded && table.equals("partner_preference_history")) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(store.resolve(table + ".csv"))) {
                    copy.copyIn("copy " + table + " from stdin with (format csv)", in);
                }
            }
            connection.commit();
        }
    }

    private static void export(DataSource dataSource, Path files) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (Map.Entry<String, String> file : EXPORTS.entrySet()) {
                try (OutputStream out = Files.newOutputStream(files.resolve(file.getKey()))) {
                    copy.copyOut("copy (" + file.getValue() + ") to stdout with (format csv, header)", out);
                }
            }
        }
    }

    /** Each file into an unlogged table of text columns named after it: no type, reference or rule checked. */
    private static void bareCopy(DataSource dataSource, Path files) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String name : EXPORTS.keySet()) {
                String table = "bench_" + name.replace(".csv", "").replace('-', '_');
                String header;
                try (var lines = Files.lines(files.resolve(name))) {
                    header = lines.findFirst().orElseThrow();
                }
                try (var statement = connection.createStatement()) {
                    statement.execute("drop table if exists " + table);
                    statement.execute("create unlogged table " + table + " (" + String.join(", ",
                            java.util.Arrays.stream(header.split(",")).map(column -> column + " text").toList()) + ")");
                }
                try (InputStream in = Files.newInputStream(files.resolve(name))) {
                    copy.copyIn("copy " + table + " from stdin with (format csv, header)", in);
                }
            }
            connection.commit();
            try (var statement = connection.createStatement()) {
                for (String name : EXPORTS.keySet()) {
                    statement.execute("drop table " + "bench_" + name.replace(".csv", "").replace('-', '_'));
                }
            }
            connection.commit();
        }
    }

    private static void emptyStore(JdbcClient jdbc) {
        jdbc.sql("""
                truncate partner_preference_history, partner_preference, sharing_ledger, withdrawal_notice, ticket,
                         membership, donation, customer_order, relationship, relationship_type, event_partner_company,
                         event_instance, event, price_band, membership_scheme, customer, partner_company, order_summary
                         restart identity cascade
                """).update();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String moment(String column) {
        return "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }

    private static String yesNo(String column) {
        return "case when " + column + " then 'yes' else 'no' end";
    }

    private static Map<String, String> exports() {
        Map<String, String> exports = new LinkedHashMap<>();
        exports.put("partner-companies.csv", "select id, name, " + yesNo("collects_preferences")
                + " as collects_preferences, web_description from partner_company order by id");
        exports.put("relationship-types.csv", "select id, a_label, b_label, " + yesNo("a_acts_for_b")
                + " as a_acts_for_b, " + yesNo("b_acts_for_a") + " as b_acts_for_a from relationship_type order by id");
        exports.put("customers.csv", "select id, case kind when 'INDIVIDUAL' then 'person' else 'organisation' end"
                + " as kind, title, first_name, last_name, organisation_name, email, phone, mobile, date_of_birth,"
                + " postcode, "
                + yesNo("online_access") + " as online_access, " + moment("created_at")
                + " as created_at from customer order by id");
        exports.put("relationships.csv", "select id, type_id, customer_a_id, customer_b_id, importance"
                + " from relationship order by id");
        exports.put("events.csv", "select id, name from event order by id");
        exports.put("performances.csv", "select id, event_id, " + moment("starts_at")
                + " as starts_at, capacity from event_instance order by id");
        exports.put("event-partners.csv",
                "select event_id, partner_company_id from event_partner_company order by 1, 2");
        exports.put("membership-schemes.csv", "select id, name, price from membership_scheme order by id");
        exports.put("price-bands.csv", "select id, name, membership_scheme_id from price_band order by id");
        exports.put("orders.csv", "select id, owner_id, facilitator_id, case channel when 'ONLINE' then 'online' else"
                + " 'box office' end as channel, " + moment("confirmed_at") + " as confirmed_at from customer_order"
                + " order by id");
        exports.put("memberships.csv", "select id, order_id, line_number, membership_scheme_id, valid_from, valid_to,"
                + " price from membership order by id");
        exports.put("donations.csv", "select id, order_id, line_number, fund, amount from donation order by id");
        exports.put("tickets.csv", "select id, order_id, line_number, event_instance_id as performance_id,"
                + " price_band_id, price from ticket order by id");
        exports.put("returns.csv", "select 'R' || id as id, id as ticket_id, " + moment("returned_at")
                + " as returned_at from ticket where status = 'RETURNED' order by id");
        exports.put("preferences.csv", "select id, customer_id, partner_company_id, lower(replace(state, '_', ' ')) as"
                + " state, " + moment("set_at") + " as set_at, lower(replace(channel, '_', ' ')) as channel,"
                + " recorded_by from partner_preference_history order by customer_id, partner_company_id, set_at, id");
        return exports;
    }
}
