package org.stagedoor.bench.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.batch.run.ReportSettings;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;

/**
 * Fan-out: one schedule, "weekly event sales" over the previous week, fanned out to the partner companies
 * with performances in the period — 500 of them — and run now; timed from "run now" until all 500 runs are
 * COMPLETED, on one node (this JVM) and on two (plus a {@link FanOutNode} in a JVM of its own on the same
 * database). The runs are emptied between rounds; each figure is the median of the rounds.
 *
 * <p>The data (500 partner companies with an event each, 3 performances per event, 100 tickets per performance) is
 * filled once with {@code insert … select generate_series} and reused; the performances are moved into the previous
 * week at every start, so that the data stays valid on any later day.
 */
public final class FanOutBench {

    private static final int PARTNERS = 500;

    private static final int PERFORMANCES_PER_EVENT = 3;

    private static final int TICKETS_PER_PERFORMANCE = 100;

    private static final int TICKETS_PER_ORDER = 4;

    private static final int CUSTOMERS = 10_000;

    private static final String BENCH_EMAILS = "%@fanout-bench.example";

    private static final String SCHEDULE = "Fan-out bench: weekly event sales";

    private static final Pattern TAKEN = Pattern.compile("Run \\d+ \\(QUEUED\\) taken by node");

    private static final Duration ROUND_LIMIT = Duration.ofMinutes(15);

    private FanOutBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("stagedoor.bench.rounds", 3);
        try (ConfigurableApplicationContext context = SpringApplication.run(FanOutBenchApplication.class, args)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            TransactionTemplate transaction =
                    new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            ZoneId zone = context.getBean(VenueProperties.class).timeZone();
            Path reports = context.getBean(ReportSettings.class).directory();
            guard(jdbc);
            if (jdbc.sql("select count(*) from partner_company").query(Long.class).single() != PARTNERS) {
                fill(jdbc, transaction);
            }
            Period week = PeriodSpec.parse("period", "previous-week").resolve(LocalDate.now(zone));
            placeInWeek(jdbc, week, zone);
            long scheduleId = schedule(jdbc, context.getBean(Schedules.class), context.getBean(SavedReports.class));
            System.out.printf("Schedule %d \"%s\": partner-event-sales, previous-week (%s..%s), XLSX, fanned out to"
                    + " PARTNERS_WITH_EVENTS: %d partner companies, %,d tickets%n", scheduleId, SCHEDULE, week.from(),
                    week.to(), partnersWithEvents(jdbc, week, zone), count(jdbc, "ticket"));
            Schedules schedules = context.getBean(Schedules.class);

            // Not counted: the first round of a fresh JVM is mostly the JIT compiling the run path.
            round(jdbc, schedules, scheduleId, reports, null, "warm-up, 1 node");
            List<Round> oneNode = new ArrayList<>();
            for (int i = 1; i <= rounds; i++) {
                oneNode.add(round(jdbc, schedules, scheduleId, reports, null, "1 node, round " + i));
            }
            List<Round> twoNodes = new ArrayList<>();
            Path nodeLog = Files.createTempFile("stagedoor-fanout-node-", ".log");
            Process node = startNode(databaseUrl(context.getBean(DataSource.class)), reports, args, nodeLog);
            try {
                awaitCheckIn(jdbc, node, nodeLog);
                // Not counted either: the new node's JIT is as cold as this one's was.
                round(jdbc, schedules, scheduleId, reports, nodeLog, "warm-up, 2 nodes");
                for (int i = 1; i <= rounds; i++) {
                    twoNodes.add(round(jdbc, schedules, scheduleId, reports, nodeLog, "2 nodes, round " + i));
                }
            }
            finally {
                // SIGTERM: the node shuts Quartz down cleanly and leaves the cluster.
                node.destroy();
                node.waitFor();
            }
            clear(jdbc, reports);
            print(rounds, oneNode, twoNodes, nodeLog);
        }
    }

    /** The bench empties the run tables every round: never on a database holding anyone else's customers. */
    private static void guard(JdbcClient jdbc) {
        boolean foreign = jdbc.sql("""
                select exists (select 1 from customer where email is null or email not like :bench)
                """).param("bench", BENCH_EMAILS).query(Boolean.class).single();
        if (foreign) {
            throw new IllegalStateException("This database holds customers the bench did not make; it empties the"
                    + " runs every round, so point it at a database of its own (the script's default)");
        }
    }

    private static void fill(JdbcClient jdbc, TransactionTemplate transaction) {
        long start = System.nanoTime();
        transaction.executeWithoutResult(status -> {
            // Identities restart so that the rows below can name each other by position (event p of partner p).
            jdbc.sql("""
                    truncate schedule, report_run, schedule_fire, delivery, ticket, customer_order, event_instance,
                             event_partner_company, event, partner_company, customer, price_band
                             restart identity cascade
                    """).update();
            jdbc.sql("""
                    insert into price_band (name) values ('Standard')
                    """).update();
            jdbc.sql("""
                    insert into partner_company (name, collects_preferences)
                    select 'Fan-out Partner ' || lpad(p::text, 3, '0'), false from generate_series(1, :partners) p
                    """).param("partners", PARTNERS).update();
            jdbc.sql("""
                    insert into event (name) select 'Fan-out Event ' || lpad(p::text, 3, '0')
                      from generate_series(1, :partners) p
                    """).param("partners", PARTNERS).update();
            jdbc.sql("""
                    insert into event_partner_company (event_id, partner_company_id)
                    select p, p from generate_series(1, :partners) p
                    """).param("partners", PARTNERS).update();
            // Placed in the right week by placeInWeek, at every start.
            jdbc.sql("""
                    insert into event_instance (event_id, starts_at, capacity)
                    select (i - 1) / :perEvent + 1, now(), 200
                      from generate_series(1, :partners * :perEvent) i
                    """).param("perEvent", PERFORMANCES_PER_EVENT).param("partners", PARTNERS).update();
            jdbc.sql("""
                    insert into customer (kind, first_name, last_name, email, created_channel)
                    select 'INDIVIDUAL', 'Given' || c, 'Family' || c, 'c' || c || '@fanout-bench.example', 'IMPORT'
                      from generate_series(1, :customers) c
                    """).param("customers", CUSTOMERS).update();
            long tickets = (long) PARTNERS * PERFORMANCES_PER_EVENT * TICKETS_PER_PERFORMANCE;
            // Orders long before any previous week the bench will see: a run reads them as of its cut-off (now).
            jdbc.sql("""
                    insert into customer_order (owner_id, channel, confirmed_at)
                    select (o - 1) % :customers + 1, case when o % 3 = 0 then 'BOX_OFFICE' else 'ONLINE' end,
                           timestamptz '2026-01-01 12:00+00' + (o % 10000) * interval '1 minute'
                      from generate_series(1, :orders) o
                    """).param("customers", CUSTOMERS).param("orders", tickets / TICKETS_PER_ORDER).update();
            // Tickets per performance in a row, four to an order; one in 20 returned, one in 25 a comp.
            jdbc.sql("""
                    insert into ticket (order_id, line_number, event_instance_id, price_band_id, price, status,
                                        returned_at)
                    select (t - 1) / :perOrder + 1, (t - 1) % :perOrder, (t - 1) / :perPerformance + 1, 1,
                           case when t % 25 = 0 then 0 else 15 + (t % 5) * 5 end,
                           case when t % 20 = 0 then 'RETURNED' else 'SOLD' end,
                           case when t % 20 = 0 then timestamptz '2026-02-01 12:00+00' end
                      from generate_series(1, :tickets) t
                    """).param("perOrder", TICKETS_PER_ORDER).param("perPerformance", TICKETS_PER_PERFORMANCE)
                    .param("tickets", tickets).update();
        });
        jdbc.sql("analyze").update();
        System.out.printf(Locale.ROOT, "Filled %d partner companies, %d performances, %,d tickets in %.1f s%n",
                PARTNERS,
                PARTNERS * PERFORMANCES_PER_EVENT, (long) PARTNERS * PERFORMANCES_PER_EVENT * TICKETS_PER_PERFORMANCE,
                (System.nanoTime() - start) / 1e9);
    }

    /** Monday, Wednesday and Friday evening of the week: what "previous-week" finds today. */
    private static void placeInWeek(JdbcClient jdbc, Period week, ZoneId zone) {
        jdbc.sql("""
                update event_instance
                   set starts_at = cast(:monday as timestamptz) + ((id - 1) % :perEvent) * interval '2 days'
                """)
                .param("monday", Timestamp.from(week.from().atTime(LocalTime.of(19, 30)).atZone(zone).toInstant()))
                .param("perEvent", PERFORMANCES_PER_EVENT).update();
    }

    /** The same question the schedule's fan-out asks (ScheduleFiring.partners). */
    private static long partnersWithEvents(JdbcClient jdbc, Period week, ZoneId zone) {
        return jdbc.sql("""
                select count(distinct epc.partner_company_id)
                  from event_partner_company epc
                  join event_instance ei on ei.event_id = epc.event_id
                 where ei.starts_at >= :from and ei.starts_at < :to
                """).param("from", Timestamp.from(week.start(zone)))
                .param("to", Timestamp.from(week.endExclusive(zone)))
                .query(Long.class).single();
    }

    /**
     * The schedule as the demo's "Weekly sales" (XLSX, previous week, to the venue's marketing address), created
     * paused so that only "run now" fires it. Delivery is recorded in the outbox but not sent: the bench runs with
     * {@code stagedoor.delivery.sender-enabled=false}. It runs the venue's standard "Event sales" definition, as the
     * demo's does.
     */
    private static long schedule(JdbcClient jdbc, Schedules schedules, SavedReports saved) {
        return jdbc.sql("select id from schedule where name = :name and deleted_at is null")
                .param("name", SCHEDULE).query(Long.class).optional()
                .orElseGet(() -> schedules.create(new ScheduleRequest(SCHEDULE, saved.standard("partner-event-sales")
                        .orElseGet(() -> saved.create(null,
                                new SavedReportDraft("Event sales", "", "partner-event-sales", Map.of(),
                                        List.of("period", SavedReport.FORMAT), OutputFormat.XLSX), "bench")).id(),
                        Map.of("period", "previous-week"), OutputFormat.XLSX,
                        When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0)), null, null, FanOut.PARTNERS_WITH_EVENTS,
                        null, null, false, List.of("marketing@venue.example"), false, "bench")).id());
    }

    private static Round round(JdbcClient jdbc, Schedules schedules, long scheduleId, Path reports, Path nodeLog,
            String name) throws Exception {
        clear(jdbc, reports);
        long takenBefore = takenBy(nodeLog);
        long start = System.nanoTime();
        schedules.runNow(scheduleId, "bench");
        double fannedOut = Double.NaN;
        while (true) {
            Thread.sleep(50);
            Map<String, Long> statuses = new HashMap<>();
            jdbc.sql("select status, count(*) from report_run group by status")
                    .query((rs, row) -> statuses.put(rs.getString(1), rs.getLong(2))).list();
            double seconds = (System.nanoTime() - start) / 1e9;
            long all = statuses.values().stream().mapToLong(Long::longValue).sum();
            if (Double.isNaN(fannedOut) && all > 0) {
                fannedOut = seconds;
            }
            if (statuses.getOrDefault("FAILED", 0L) > 0) {
                throw new IllegalStateException(name + ": " + statuses.get("FAILED") + " runs FAILED: " + jdbc.sql(
                        "select error_message from report_run where status = 'FAILED' limit 1").query(String.class)
                        .single());
            }
            if (statuses.getOrDefault("COMPLETED", 0L) == PARTNERS) {
                long second = takenBy(nodeLog) - takenBefore;
                Round round = new Round(seconds, fannedOut, PARTNERS - second, second);
                System.out.printf(Locale.ROOT, "  %s: %.2f s (runs recorded after %.2f s), %.1f runs/s; runs per node"
                        + " %d / %d%n", name, round.seconds(), round.fannedOutSeconds(), PARTNERS / round.seconds(),
                        round.firstNode(), round.secondNode());
                return round;
            }
            if (seconds > ROUND_LIMIT.toSeconds()) {
                throw new IllegalStateException(name + ": not done after " + ROUND_LIMIT + ": " + statuses);
            }
        }
    }

    /** Every run, fire, delivery and job execution gone, and the files: each round starts from the same state. */
    private static void clear(JdbcClient jdbc, Path reports) throws IOException {
        jdbc.sql("truncate report_run, schedule_fire, delivery, batch_job_instance cascade").update();
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.walk(reports)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static Process startNode(String databaseUrl, Path reports, String[] args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), FanOutNode.class.getName(),
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres",
                "--stagedoor.reports.directory=" + reports.toAbsolutePath(),
                "--stagedoor.delivery.sender-enabled=false",
                "--stagedoor.dev-mailbox.port=0",
                "--logging.level.org.stagedoor=WARN",
                // Its log tells which runs it executed.
                "--logging.level.org.stagedoor.scheduler.schedule.ClusteredRuns=INFO"));
        // The same scheduler settings as this node (thread count, Quartz properties), if the script gave any.
        Arrays.stream(args)
                .filter(arg -> arg.startsWith("--stagedoor.scheduler.") || arg.startsWith("--spring.quartz."))
                .forEach(command::add);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitCheckIn(JdbcClient jdbc, Process node, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (jdbc.sql("select count(*) from qrtz_scheduler_state where last_checkin_time"
                + " > extract(epoch from now()) * 1000 - 3000").query(Long.class).single() < 2) {
            if (!node.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The second node did not join the cluster; its log: " + log);
            }
            Thread.sleep(250);
        }
        System.out.println("Second node joined the cluster (JVM of its own, -Xmx256m)");
    }

    private static long takenBy(Path log) throws IOException {
        if (log == null || !Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> TAKEN.matcher(line).find()).count();
        }
        catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
    }

    private static String databaseUrl(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        }
    }

    private static long count(JdbcClient jdbc, String table) {
        // A constant of this program.
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static void print(int rounds, List<Round> oneNode, List<Round> twoNodes, Path nodeLog) {
        System.out.println();
        System.out.printf("Machine: %d cores, %s %s, -Xmx%d MB per node, %d rounds (medians); second node's log: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, rounds, nodeLog);
        System.out.println("| nodes | runs | total s (median) | rounds s | runs/s | runs recorded after s"
                + " | runs per node (median round) | speed-up |");
        System.out.println("|---:|---:|---:|---|---:|---:|---|---:|");
        Round one = median(oneNode);
        Round two = median(twoNodes);
        for (List<Round> measured : List.of(oneNode, twoNodes)) {
            Round median = median(measured);
            System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %s | %.1f | %.2f | %d / %d | %.2f |%n",
                    measured == oneNode ? 1 : 2, PARTNERS, median.seconds(),
                    String.join(", ", measured.stream().map(round -> String.format(Locale.ROOT, "%.1f",
                            round.seconds())).toList()),
                    PARTNERS / median.seconds(), median.fannedOutSeconds(), median.firstNode(), median.secondNode(),
                    one.seconds() / median.seconds());
        }
        System.out.printf(Locale.ROOT, "(speed-up: 1-node median / this median; 2 nodes %.2f×)%n",
                one.seconds() / two.seconds());
    }

    private static Round median(List<Round> rounds) {
        List<Round> sorted = rounds.stream().sorted((a, b) -> Double.compare(a.seconds(), b.seconds())).toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * One round: seconds from "run now" until all runs COMPLETED; when the fan-out's runs were first seen recorded;
     * how many runs each node executed.
     */
    private record Round(double seconds, double fannedOutSeconds, long firstNode, long secondNode) {
    }
}
