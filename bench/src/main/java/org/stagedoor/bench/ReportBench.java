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

import org.stagedoor.BenchApplication;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.PartnerReaderSession;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportQuery;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunQueries;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.booking.demo.GeneratorSettings;
import org.stagedoor.booking.demo.VenueDataGenerator;

/**
 * Times Stagedoor's report runs (DB → CSV, DB → XLSX) against two baselines measured in the same run:
 * the floor, PostgreSQL's own {@code COPY (the same query) TO STDOUT} into a file, and the fastest XLSX
 * writer (org.dhatim:fastexcel) writing the same rows from memory in a separate JVM. Prints a table of
 * medians, ratios and the peak heap of each Stagedoor run. Generates 1 M customers / 10 M tickets on
 * first use and reuses them.
 */
public final class ReportBench {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /**
     * Rounds run first and left out of every median, ours and the baselines' alike: Stagedoor is a long-running
     * server, and a run's first rounds in a fresh JVM time the JIT compiler (the opted-in list: 1.6 s, 1.0 s, then
     * 0.8 s).
     */
    static final int WARM_UP = Integer.getInteger("stagedoor.bench.warm-up", 2);

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("stagedoor.bench.rounds", 3);
        try (ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class, args)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            if (!jdbc.sql("select exists (select 1 from customer)").query(Boolean.class).single()) {
                System.out.println("Generating 1,000,000 customers / 10,000,000 tickets (once; reused next time)");
                System.out.println(context.getBean(VenueDataGenerator.class).generate(GeneratorSettings.large(),
                        System.out::println));
            }
            new ReportBench().run(context, jdbc, rounds, args);
        }
    }

    private void run(ConfigurableApplicationContext context, JdbcClient jdbc, int rounds, String[] args) throws Exception {
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
        System.out.printf("Data: %,d customers, %,d tickets; partner company %d has the most opted-in customers%n",
                count(jdbc, "customer"), count(jdbc, "ticket"), partner);
        List<Case> cases = List.of(
                new Case("partner-optin-list", partner, Map.of()),
                new Case("partner-event-sales", partner, Map.of("period", "last-365-days")),
                new Case("facilitated-sales 100k", null, Map.of("period", periodWithTickets(jdbc, 100_000))),
                new Case("facilitated-sales 1M", null, Map.of("period", periodWithTickets(jdbc, 1_000_000))),
                // The shape the issue measured (1 M rows × ~12 columns, cheap to read): every customer
                // with an email, as the venue's marketing staff would ask for them.
                new Case("customer-list 1M", null, Map.of("list", """
                        {"name": "Everyone with an email", "segments": [{"type": "has-email"}],
                         "columns": ["id", "title", "first_name", "last_name", "organisation_name", "name",
                                     "email", "phone", "mobile", "postcode"]}
                        """)));
        List<String> table = new ArrayList<>();
        table.add("| report | rows | cols | COPY floor s | CSV s | CSV / floor | XLSX s | fastexcel from memory s | XLSX / fastexcel | XLSX / floor | JasperReports XLSX from memory s | JasperReports / Stagedoor XLSX | heap peak MB (CSV / XLSX) | live heap after GC MB (CSV / XLSX) |");
        table.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
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
            double floor = median(rounds, () -> copyFloor(dataSource, query, false));
            // A partner's run reads under row-level security (V8, V11); the same COPY under it shows what the
            // policies themselves cost, apart from Stagedoor's own work.
            double isolatedFloor = query.partnerCompanyId() == null ? Double.NaN
                    : median(rounds, () -> copyFloor(dataSource, query, true));
            if (query.partnerCompanyId() != null) {
                System.out.printf("  COPY floor %.2f s as the application, %.2f s as the partner's reader (RLS)%n",
                        floor, isolatedFloor);
            }
            Measured xlsx = measure(rounds, () -> launcher.run(new RunRequest(report, benchCase.partner(),
                    benchCase.parameters(), OutputFormat.XLSX, "bench")));
            double fastexcel = baseline(FastexcelBaseline.class, xlsx.run().id(), rounds, databaseUrl);
            // JasperReports holds the whole filled report in memory: past a few hundred thousand rows it needs more
            // heap than this machine's other work leaves it, so the largest cases are left out (said in the table).
            boolean jasperFits = xlsx.run().rowCount() <= jasperMaxRows;
            double jasper = jasperFits ? baseline(JasperBaseline.class, xlsx.run().id(), rounds, databaseUrl) : Double.NaN;
            String row = String.format(Locale.ROOT,
                    "| %s | %,d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %s | %d / %d | %d / %d |",
                    benchCase.name(), csv.run().rowCount(), query.columns().size(), floor, csv.seconds(),
                    csv.seconds() / floor, xlsx.seconds(), fastexcel, xlsx.seconds() / fastexcel, xlsx.seconds() / floor,
                    jasperFits ? String.format(Locale.ROOT, "%.2f", jasper) : "not run (> " + jasperMaxRows + " rows)",
                    jasperFits ? String.format(Locale.ROOT, "%.1f×", jasper / xlsx.seconds()) : "n/a",
                    csv.peakHeapMb(), xlsx.peakHeapMb(), csv.liveHeapMb(), xlsx.liveHeapMb());
            System.out.println(row);
            table.add(row);
        }
        System.out.println();
        System.out.printf("Machine: %d cores, %s %s, max heap %d MB, %d rounds (medians) after %d warm-up rounds%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, rounds, WARM_UP);
        table.forEach(System.out::println);
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

    /** PostgreSQL writing the same query's rows as CSV into a file: no Java in the row path at all. */
    private static double copyFloor(DataSource dataSource, ReportQuery query, boolean isolated) throws Exception {
        Path file = Files.createTempFile("stagedoor-floor", ".csv");
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 18)) {
            if (isolated) {
                // As the run's reader reads: the partner reader role and company, for this transaction.
                connection.setAutoCommit(false);
                PartnerReaderSession.isolate(connection, query.partnerCompanyId());
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
    private static double baseline(Class<?> writer, long runId, int rounds, String databaseUrl)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The child reads from the database this JVM started, rather than starting another on the same files.
        Process process = new ProcessBuilder(java, "-Xmx6g", "-cp", System.getProperty("java.class.path"),
                "-Dstagedoor.bench.rounds=" + rounds, "-Dstagedoor.bench.warm-up=" + WARM_UP, writer.getName(), String.valueOf(runId),
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
        return Double.parseDouble(result);
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
        return new Measured(last, median(seconds), peaks.stream().mapToLong(Long::longValue).max().orElse(0),
                lives.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private static double median(int rounds, Callable<Double> action) throws Exception {
        return medianAfterWarmUp(rounds, label -> action.call());
    }

    /** One timed round; {@code label} ("warm-up", "round 2") names it for the round's own report. */
    interface Round {
        double seconds(String label) throws Exception;
    }

    /** The median seconds of {@code rounds} rounds, after {@link #WARM_UP} rounds that are run and not counted. */
    static double medianAfterWarmUp(int rounds, Round round) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int i = -WARM_UP; i < rounds; i++) {
            double took = round.seconds(i < 0 ? "warm-up" : "round " + (i + 1));
            if (i >= 0) {
                seconds.add(took);
            }
        }
        return median(seconds);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
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

    private record Measured(ReportRun run, double seconds, long peakHeapMb, long liveHeapMb) {
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
