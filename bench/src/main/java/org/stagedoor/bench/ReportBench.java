package org.stagedoor.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.PartnerIsolation;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportQuery;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunQueries;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.demo.generator.GeneratorSettings;
import org.stagedoor.demo.generator.VenueDataGenerator;

/**
 * Times Stagedoor's report runs (DB → CSV, DB → XLSX) against two baselines measured in the same run:
 * the floor, PostgreSQL's own {@code COPY (the same query) TO STDOUT} into a file, and the fastest XLSX
 * writer (org.dhatim:fastexcel) writing the same rows from memory in a separate JVM. A run that shares personal
 * data with a partner company must also record the share, so for those both baselines are also given with the
 * same number of sharing-ledger entries written by {@code COPY ... FROM STDIN} ({@link LedgerCopy}). Prints a
 * table of medians, ratios and the peak heap of each Stagedoor run, and one of the rounds' spread. Generates
 * 1 M customers / 10 M tickets on first use and reuses them ({@code stagedoor.bench.customers} scales the data,
 * tickets and events in proportion, for a database of its own).
 */
public final class ReportBench {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /**
     * Rounds run first and left out of every median, ours and the baselines' alike: Stagedoor is a long-running
     * server, and a run's first rounds in a fresh JVM time the JIT compiler as much as the run.
     */
    static final int WARM_UP = Integer.getInteger("stagedoor.bench.warm-up", 2);

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("stagedoor.bench.rounds", 3);
        GeneratorSettings settings = scaled(Integer.getInteger("stagedoor.bench.customers", 1_000_000));
        try (ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class, args)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            if (!jdbc.sql("select exists (select 1 from customer)").query(Boolean.class).single()) {
                System.out.printf("Generating %,d customers / %,d tickets (once; reused next time)%n",
                        settings.customers(), settings.tickets());
                System.out.println(context.getBean(VenueDataGenerator.class).generate(settings, System.out::println));
            }
            new ReportBench().run(context, jdbc, rounds, args);
        }
    }

    /** The benchmark's data for {@code customers} customers: tickets and events in the large size's proportions. */
    static GeneratorSettings scaled(int customers) {
        GeneratorSettings large = GeneratorSettings.large();
        return new GeneratorSettings(large.seed(), large.now(), customers,
                (int) Math.max(40, (long) large.events() * customers / large.customers()), large.partnerCompanies(),
                large.tickets() * customers / large.customers());
    }

    private void run(ConfigurableApplicationContext context, JdbcClient jdbc, int rounds, String[] args)
            throws Exception {
        ReportLauncher launcher = context.getBean(ReportLauncher.class);
        RunQueries queries = context.getBean(RunQueries.class);
        DataSource dataSource = context.getBean(DataSource.class);
        String databaseUrl;
        try (Connection connection = dataSource.getConnection()) {
            databaseUrl = connection.getMetaData().getURL();
        }
        long partner = jdbc.sql("""
                select partner_company_id from partner_preference where state = 'YES'
                 group by partner_company_id order by count(*) desc, partner_company_id limit 1
                """).query(Long.class).single();
        long customers = count(jdbc, "customer");
        long tickets = count(jdbc, "ticket");
        System.out.printf("Data: %,d customers, %,d tickets; partner company %d has the most opted-in customers%n",
                customers, tickets, partner);
        // Sizes in proportion to the data, so that the names on 1 M customers / 10 M tickets stay what they were.
        List<Case> cases = List.of(
                new Case("partner-optin-list", partner, Map.of()),
                new Case("partner-event-sales", partner, Map.of("period", "last-365-days")),
                new Case("facilitated-sales " + size(tickets / 100), null,
                        Map.of("period", periodWithTickets(jdbc, tickets / 100))),
                new Case("facilitated-sales " + size(tickets / 10), null,
                        Map.of("period", periodWithTickets(jdbc, tickets / 10))),
                // The shape the issue measured (1 M rows × ~12 columns, cheap to read): every customer
                // with an email, as the venue's marketing staff would ask for them.
                new Case("customer-list " + size(customers), null, Map.of("list", """
                        {"name": "Everyone with an email", "segments": [{"type": "has-email"}],
                         "columns": ["id", "title", "first_name", "last_name", "organisation_name", "name",
                                     "email", "phone", "mobile", "postcode"]}
                        """)),
                // A partner company's own list: its file holds personal data, so its run records
                // the share; the run also keeps only customers whose preference for the company is YES.
                new Case("customer-list partner-bookers", partner, Map.of("list", """
                        {"name": "Booked our events, with an email",
                         "segments": [{"type": "has-email"},
                                      {"operator": "AND", "type": "booking", "groupBy": "OWNER",
                                       "partnerCompany": "run", "period": "last-365-days"}],
                         "columns": ["id", "title", "first_name", "last_name", "email"]}
                        """)));
        List<String> table = new ArrayList<>();
        table.add("| report | rows | cols | COPY floor s | floor with ledger s | CSV s | CSV / floor"
                + " | CSV / floor with ledger | XLSX s | fastexcel from memory s | fastexcel + ledger s"
                + " | XLSX / fastexcel | XLSX / (fastexcel + ledger) | XLSX / floor | JasperReports XLSX from memory s"
                + " | JasperReports / Stagedoor XLSX | heap peak MB (CSV / XLSX)"
                + " | live heap after GC MB (CSV / XLSX) |");
        table.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<String> spreads = new ArrayList<>();
        spreads.add("| report | COPY floor s | floor with ledger s | ledger COPY in s | CSV s | XLSX s"
                + " | fastexcel from memory s | JasperReports s |");
        spreads.add("|---|---:|---:|---:|---:|---:|---:|---:|");
        long jasperMaxRows = Long.getLong("stagedoor.bench.jasper-max-rows", 250_000);
        String only = System.getProperty("stagedoor.bench.only", "");
        for (Case benchCase : cases) {
            if (!benchCase.name().startsWith(only)) {
                continue;
            }
            String report = benchCase.name().split(" ")[0];
            Measured csv = measure(rounds, () -> launcher.run(new RunRequest(report, benchCase.partner(),
                    benchCase.parameters(), OutputFormat.CSV, "bench")));
            ReportQuery query = queries.forRun(csv.run());
            Floor floor = floor(rounds, dataSource, jdbc, query, csv.run());
            // A partner's run reads under row-level security (V8, V11); the same COPY under it shows what the
            // policies themselves cost, apart from Stagedoor's own work.
            if (query.partnerCompanyId() != null) {
                Timing isolatedFloor = time(rounds, () -> copyFloor(dataSource, query, true));
                System.out.printf("  COPY floor %.2f s as the application, %.2f s as the partner's reader (RLS)%n",
                        floor.rowsOut().median(), isolatedFloor.median());
            }
            if (floor.ledgerIn() != null) {
                System.out.printf("  COPY of %,d ledger entries in: %.2f s (rounds %s)%n", csv.run().rowCount(),
                        floor.ledgerIn().median(), floor.ledgerIn().spread());
            }
            Measured xlsx = measure(rounds, () -> launcher.run(new RunRequest(report, benchCase.partner(),
                    benchCase.parameters(), OutputFormat.XLSX, "bench")));
            Timing fastexcel = baseline(FastexcelBaseline.class, xlsx.run().id(), rounds, databaseUrl);
            // JasperReports holds the whole filled report in memory: past a few hundred thousand rows it needs more
            // heap than this machine's other work leaves it, so the largest cases are left out (said in the table).
            boolean jasperFits = xlsx.run().rowCount() <= jasperMaxRows;
            Timing jasper = jasperFits ? baseline(JasperBaseline.class, xlsx.run().id(), rounds, databaseUrl) : null;
            double floorSeconds = floor.rowsOut().median();
            double csvSeconds = csv.timing().median();
            double xlsxSeconds = xlsx.timing().median();
            // For a run that records its share: the floor and fastexcel each plus the same entries' COPY in.
            boolean ledger = floor.ledgerIn() != null;
            double floorWithLedger = ledger ? floor.withLedger().median() : Double.NaN;
            double fastexcelWithLedger = ledger ? fastexcel.median() + floor.ledgerIn().median() : Double.NaN;
            String row = String.format(Locale.ROOT,
                    "| %s | %,d | %d | %.2f | %s | %.2f | %.2f | %s | %.2f | %.2f | %s | %.2f | %s | %.2f | %s | %s"
                            + " | %d / %d | %d / %d |",
                    benchCase.name(), csv.run().rowCount(), query.columns().size(), floorSeconds,
                    ledger ? seconds(floorWithLedger) : "—", csvSeconds, csvSeconds / floorSeconds,
                    ledger ? seconds(csvSeconds / floorWithLedger) : "—", xlsxSeconds, fastexcel.median(),
                    ledger ? seconds(fastexcelWithLedger) : "—", xlsxSeconds / fastexcel.median(),
                    ledger ? seconds(xlsxSeconds / fastexcelWithLedger) : "—", xlsxSeconds / floorSeconds,
                    jasperFits ? seconds(jasper.median()) : "not run (> " + jasperMaxRows + " rows)",
                    jasperFits ? String.format(Locale.ROOT, "%.1f×", jasper.median() / xlsxSeconds) : "n/a",
                    csv.peakHeapMb(), xlsx.peakHeapMb(), csv.liveHeapMb(), xlsx.liveHeapMb());
            System.out.println(row);
            table.add(row);
            spreads.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |", benchCase.name(),
                    floor.rowsOut().spread(), ledger ? floor.withLedger().spread() : "—",
                    ledger ? floor.ledgerIn().spread() : "—", csv.timing().spread(), xlsx.timing().spread(),
                    fastexcel.spread(), jasperFits ? jasper.spread() : "—"));
        }
        System.out.println();
        System.out.printf("Machine: %d cores, %s %s, max heap %d MB, %d rounds (medians) after %d warm-up rounds%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, rounds, WARM_UP);
        table.forEach(System.out::println);
        System.out.println();
        System.out.println("Spread: the fastest and slowest counted round");
        spreads.forEach(System.out::println);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** "100k", "1M": a size in a case's name. */
    private static String size(long count) {
        return count >= 1_000_000 ? Math.round(count / 1e6) + "M"
                : count >= 1_000 ? Math.round(count / 1e3) + "k" : String.valueOf(count);
    }

    /** A custom period, ending today, whose orders hold about {@code tickets} tickets. */
    private static String periodWithTickets(JdbcClient jdbc, long tickets) {
        LocalDate from = jdbc.sql("""
                select (o.confirmed_at at time zone 'Europe/London')::date
                  from customer_order o join ticket t on t.order_id = o.id
                 order by o.confirmed_at desc
                 offset :tickets limit 1
                """).param("tickets", tickets).query(LocalDate.class).single();
        return DAY.format(from) + ".." + DAY.format(LocalDate.now(ZoneId.of("Europe/London")));
    }

    private static long count(JdbcClient jdbc, String table) {
        // Table names here are two constants of this program.
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /**
     * The floor's rounds: the statement's rows out by {@link #copyFloor}, and for a run that records its share the
     * entries it recorded back in by {@link LedgerCopy}, one after the other in each round.
     */
    private static Floor floor(int rounds, DataSource dataSource, JdbcClient jdbc, ReportQuery query, ReportRun run)
            throws Exception {
        List<Double> rowsOut = new ArrayList<>();
        List<Double> ledgerIn = new ArrayList<>();
        List<Double> both = new ArrayList<>();
        try (LedgerCopy ledger = query.ledger() ? LedgerCopy.of(jdbc, dataSource, run) : null) {
            for (int i = -WARM_UP; i < rounds; i++) {
                double out = copyFloor(dataSource, query, false);
                double in = ledger == null ? 0 : ledger.copyIn();
                if (i >= 0) {
                    rowsOut.add(out);
                    ledgerIn.add(in);
                    both.add(out + in);
                }
            }
        }
        return query.ledger() ? new Floor(new Timing(rowsOut), new Timing(ledgerIn), new Timing(both))
                : new Floor(new Timing(rowsOut), null, null);
    }

    /** PostgreSQL writing the same query's rows as CSV into a file: no Java in the row path at all. */
    private static double copyFloor(DataSource dataSource, ReportQuery query, boolean isolated) throws Exception {
        Path file = Files.createTempFile("stagedoor-floor", ".csv");
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 18)) {
            if (isolated) {
                // As the run's reader reads: the partner reader role and company, for this transaction.
                connection.setAutoCommit(false);
                PartnerIsolation.isolate(connection, query.partnerCompanyId());
            }
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("copy (" + withLiterals(query) + ") to stdout with (format csv, header)", out);
            if (isolated) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(file);
        return seconds;
    }

    /**
     * COPY takes no bind parameters, so the floor's statement carries its values as literals. They are
     * this program's own (ids, instants, a zone name), never outside input.
     */
    static String withLiterals(ReportQuery query) {
        MapSqlParameterSource source = new MapSqlParameterSource(query.parameters());
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(query.sql());
        String sql = NamedParameterUtils.substituteNamedParameters(parsed, source);
        Object[] values = NamedParameterUtils.buildValueArray(parsed, source, null);
        List<String> literals = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof Collection<?> collection) {
                collection.forEach(element -> literals.add(literal(element)));
            }
            else {
                literals.add(literal(value));
            }
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            out.append(c == '?' ? literals.get(next++) : String.valueOf(c));
        }
        return out.toString();
    }

    private static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof OffsetDateTime time) {
            return "'" + time + "'::timestamptz";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** The same rows written by a baseline writer from memory, timed in a JVM of its own with room for them. */
    private static Timing baseline(Class<?> writer, long runId, int rounds, String databaseUrl)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The child reads from the database this JVM started, rather than starting another on the same files.
        Process process = new ProcessBuilder(java, "-Xmx6g", "-cp", System.getProperty("java.class.path"),
                "-Dstagedoor.bench.rounds=" + rounds, "-Dstagedoor.bench.warm-up=" + WARM_UP, writer.getName(),
                String.valueOf(runId),
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String result = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("BASELINE ")) {
                    result = line.substring("BASELINE ".length());
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException(writer.getSimpleName() + " failed (exit " + process.exitValue() + ")");
        }
        return Timing.parse(result);
    }

    private static Measured measure(int rounds, Callable<ReportRun> run) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Long> peaks = new ArrayList<>();
        List<Long> lives = new ArrayList<>();
        ReportRun last = null;
        for (int i = -WARM_UP; i < rounds; i++) {
            System.gc();
            resetPeaks();
            LiveHeap live = new LiveHeap();
            long start = System.nanoTime();
            last = run.call();
            double took = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  %s: %s %s %.2f s%n", i < 0 ? "warm-up " + (i + WARM_UP + 1)
                    : "round " + (i + 1), last.reportId(), last.format(), took);
            long peak = heapPeakMb();
            long liveMb = live.stop();
            if (last.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("Run " + last.id() + " " + last.status() + ": " + last.errorMessage());
            }
            Files.deleteIfExists(Path.of(last.location()));
            if (i >= 0) {
                seconds.add(took);
                peaks.add(peak);
                lives.add(liveMb);
            }
        }
        return new Measured(last, new Timing(seconds), peaks.stream().mapToLong(Long::longValue).max().orElse(0),
                lives.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private static Timing time(int rounds, Callable<Double> action) throws Exception {
        return timeAfterWarmUp(rounds, label -> action.call());
    }

    /** One timed round; {@code label} ("warm-up", "round 2") names it for the round's own report. */
    interface Round {
        double seconds(String label) throws Exception;
    }

    /** The seconds of {@code rounds} rounds, after {@link #WARM_UP} rounds that are run and not counted. */
    static Timing timeAfterWarmUp(int rounds, Round round) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int i = -WARM_UP; i < rounds; i++) {
            double took = round.seconds(i < 0 ? "warm-up" : "round " + (i + 1));
            if (i >= 0) {
                seconds.add(took);
            }
        }
        return new Timing(seconds);
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeakMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }

    private record Case(String name, Long partner, Map<String, String> parameters) {
    }

    private record Measured(ReportRun run, Timing timing, long peakHeapMb, long liveHeapMb) {
    }

    /** The floor's rounds: rows out alone, and for a run that records its share, entries in and both together. */
    private record Floor(Timing rowsOut, Timing ledgerIn, Timing withLedger) {
    }

    /**
     * The most heap found in use right after a collection while a run went on: the live set, which is
     * what must stay flat as rows grow (the peak before a collection mostly says how lazy the GC was).
     */
    private static final class LiveHeap {

        private final Thread sampler;

        private volatile boolean running = true;

        private long maxMb;

        LiveHeap() {
            sampler = new Thread(() -> {
                while (running) {
                    long used = ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                            .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum() >> 20;
                    maxMb = Math.max(maxMb, used);
                    try {
                        Thread.sleep(20);
                    }
                    catch (InterruptedException ex) {
                        return;
                    }
                }
            }, "live-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        long stop() throws InterruptedException {
            running = false;
            sampler.join();
            return maxMb;
        }
    }
}
