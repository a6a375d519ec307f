package org.stagedoor.scheduler.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.store.TestDatabase;
import org.stagedoor.scheduler.SavedDefinitions;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedule cluster under thousands of short fires: this node and two others in processes of their own, on one
 * database (Quartz's clustered JDBC store, 1 s check-in), fire {@value #SCHEDULES} schedules every
 * {@value #PERIOD_SECONDS} s until about 1,000 fires are recorded (4,000 in the long variant). Most fires have no
 * one to run for (a fan-out over a week without performances); one schedule in ten runs a cheap report for one or
 * both partner companies, so that real runs are queued on the cluster too.
 *
 * <p>Each test stops the schedules (pauses them) at a known instant, waits for the work under way, and reads the
 * log of fires ({@code schedule_fire}, unique per schedule and due time) against the cron: no due time handled
 * twice (nor its work: runs per fire equal its fan-out, one run trigger taken and one COMPLETED job execution per
 * run, one delivery each, and a fire Quartz delivers again recognised, not run), and no due time missed: each
 * schedule's due times, with the one still pending when it was paused, are its consecutive cron times from its
 * first fire. Then a node is killed with SIGKILL while it holds a fire done but not yet reported to the cluster, a
 * fire under way (not recorded yet), a run under way (its job execution started) and whatever it had acquired; to
 * catch it so, the node holds its first fire after committing it, and PostgreSQL holds one statement of that node
 * (its connections are named after it) while the test holds a lock: a fire's record, a run's rows step. Its work is
 * recovered by the others and done once; since a fire schedules the next one from the time it is handled, a fire
 * recovered late passes over the due times while its node was dead: those, only those, bounded by the recovery, are
 * missing. Covers R-4, and R-1 for the fan-out.
 */
class ClusterFiresIntegrationTests extends FaultNodeIntegrationTest {

    private static final int FIRES = LONG ? 4000 : 1000;

    private static final int SCHEDULES = 40;

    /** Every schedule fires every this many seconds, half of them on even seconds and half on odd ones. */
    private static final int PERIOD_SECONDS = 2;

    private static final Duration PERIOD = Duration.ofSeconds(PERIOD_SECONDS);

    /** Both partner companies have performances that week (venue.sql): a fan-out over it runs twice. */
    private static final String WEEK = "2026-10-05..2026-10-11";

    /** No performance at all: a fan-out over it has no one to run for. */
    private static final String EMPTY_WEEK = "2026-11-02..2026-11-08";

    /**
     * A dead node is found by another at its first check-in after the dead one's last check-in, the interval (1 s)
     * and Quartz's grace of 7.5 s: 7.5 to 9.5 s after the kill. Bounded with room for a loaded machine.
     */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(20);

    /** From the recovery to the recovered fires being handled: the misfire handler's pass and a free thread. */
    private static final Duration HANDOVER_BOUND = Duration.ofSeconds(5);

    /** The advisory locks (two keys: this, and 1 for fires or 2 for runs) the test holds to hold a statement. */
    private static final int HOLD = 4243;

    /** The advisory locks that let one statement only be held on each table. */
    private static final int HOLDING = 4242;

    /** How far behind the stop a schedule's pending fire may be: it was still firing, on time or nearly. */
    private static final Duration STOP_LAG = Duration.ofSeconds(5);

    private static final Pattern SCHEDULE_TRIGGER = Pattern.compile("schedule-(\\d+)-at-(\\d+)");

    private static final Pattern RUN_TRIGGER = Pattern.compile("run-(\\d+)");

    private static final Pattern TAKEN = Pattern.compile(
            "Run (\\d+) \\((\\w+)\\) taken by node ([^,\\s]+)(, recovering)?");

    private static final Pattern DELIVERED_AGAIN = Pattern.compile(
            "Fire of schedule (\\d+) due at (\\S+) delivered again to node (\\S+): already (\\w+) by node (\\S+),");

    private static final Pattern STARTED_TWICE = Pattern.compile("Run \\d+ is already running; not started twice");

    @Autowired
    private SavedReports savedReports;

    @Autowired
    Schedules schedules;

    /** What this node logs of fires and runs; the other nodes' logs are their files. */
    private final ListAppender<ILoggingEvent> thisNodeLog = new ListAppender<>();

    private final List<OtherNode> otherNodes = new ArrayList<>();

    /** A schedule as created: when its cron fires, how many runs a fire must make, and its first due time. */
    private record Planned(long id, int offset, int runsPerFire, Instant firstDueFrom, Instant firstDueTo) {
    }

    /** A fire as recorded, with the runs it made. */
    private record Fire(long scheduleId, Instant dueAt, Instant firedAt, String outcome, String node, int runs) {
    }

    /** Due times of a schedule passed over after the fire before them, handled late. */
    private record Gap(long scheduleId, Fire before, List<Instant> missing) {
    }

    /** A run with its job executions. */
    private record Run(long id, String status, int executions, int completedExecutions, int failedExecutions,
            int deliveries) {
    }

    /** A trigger a node had taken (acquired or executing), from Quartz's own table. */
    private record Taken(String triggerName, String triggerGroup, String state) {
    }

    /** A fire a node had taken: acquired, waiting for its time, or executing. */
    private record HeldFire(long scheduleId, Instant dueAt, boolean executing) {

        String key() {
            return scheduleId + "@" + dueAt;
        }
    }

    @BeforeEach
    void listenToThisNode() {
        // Run ids start again at 1: so must the files.
        FileSystemUtils.deleteRecursively(reportSettings.directory().toFile());
        thisNodeLog.start();
        ((Logger) LoggerFactory.getLogger("org.stagedoor.scheduler.schedule")).addAppender(thisNodeLog);
    }

    @AfterEach
    void stopListeningAndHolding() {
        ((Logger) LoggerFactory.getLogger("org.stagedoor.scheduler.schedule")).detachAppender(thisNodeLog);
        jdbc.sql("drop trigger if exists batch_step_hold on batch_step_execution").update();
        jdbc.sql("drop trigger if exists schedule_fire_hold on schedule_fire").update();
        jdbc.sql("drop function if exists hold_one()").update();
    }

    @Test
    void thousandsOfFiresOnThreeNodesAreEachHandledOnceWithoutGaps() throws Exception {
        List<String> nodes = startCluster(false);
        long started = System.nanoTime();
        Map<Long, Planned> planned = createSchedules();

        awaitFires(FIRES);
        Instant stoppedAt = stop(planned);
        double seconds = (System.nanoTime() - started) / 1e9;
        awaitQuiet();

        List<Fire> fires = fires();
        Map<String, Long> shares = fires.stream()
                .collect(Collectors.groupingBy(Fire::node, TreeMap::new, Collectors.counting()));
        // Every node takes part: one with nothing to fire looks again after Quartz's idle wait, at most 30 s.
        assertThat(shares.keySet()).as("nodes that handled fires").containsExactlyInAnyOrderElementsOf(nodes);
        assertEachFireRanItsFanOut(planned, fires);
        List<Run> runs = runs();
        assertThat(runs).as("runs").isNotEmpty().allSatisfy(run -> {
            assertThat(run.status()).as("run %d", run.id()).isEqualTo("COMPLETED");
            assertThat(run.executions()).as("job executions of run %d", run.id()).isEqualTo(1);
            assertThat(run.completedExecutions()).as("COMPLETED job executions of run %d", run.id()).isEqualTo(1);
            assertThat(run.deliveries()).as("deliveries of run %d", run.id()).isEqualTo(1);
        });
        // Quartz delivered no fire and no run twice: each run taken once, on one node, and nothing redelivered.
        List<String> log = logOfAllNodes();
        Map<Long, List<String>> taken = taken(log);
        assertThat(taken.keySet()).as("runs taken").containsExactlyInAnyOrderElementsOf(
                runs.stream().map(Run::id).toList());
        assertThat(taken).allSatisfy((run, lines) -> assertThat(lines).as("run %d taken", run).hasSize(1)
                .allMatch(line -> line.contains("(QUEUED) taken") && !line.endsWith(", recovering")));
        assertThat(redelivered(log)).as("fires delivered again").isEmpty();
        assertThat(log).as("runs started twice").noneMatch(line -> STARTED_TWICE.matcher(line).find());

        List<Gap> gaps = gaps(planned, fires, stoppedAt);
        assertThat(gaps).as("due times passed over").isEmpty();

        Lateness lateness = lateness();
        System.out.printf("Cluster fires: %,d fires of %d schedules every %d s (%,d runs) on %d nodes in %.1f s;"
                + " shares %s; duplicates 0, redeliveries 0, misses 0; lateness p50 %d ms, p99 %d ms, max %d ms%n",
                fires.size(), SCHEDULES, PERIOD_SECONDS, runs.size(), nodes.size(), seconds, shares,
                lateness.p50(), lateness.p99(), lateness.max());
    }

    @Test
    void aNodeKilledMidWorkHasItsFiresAndRunsDoneOnceElsewhereAndMissesOnlyDueTimesWhileItWasDead()
            throws Exception {
        // The node to kill holds its first fire after the fire committed, never telling the cluster it ended.
        List<String> nodes = startCluster(true);
        String victim = nodes.get(1);
        OtherNode victimNode = otherNodes.get(0);
        // And, while this test holds a lock for it, one statement of the node to kill per table waits for it: one
        // fire before it is recorded, one run as its rows step starts. No other node and no other statement waits.
        jdbc.sql("""
                create or replace function hold_one() returns trigger language plpgsql as $$
                declare
                    held int := case tg_table_name when 'schedule_fire' then 1 else 2 end;
                begin
                    if current_setting('application_name') = '%s' and pg_try_advisory_xact_lock(%d, held) then
                        perform pg_advisory_xact_lock_shared(%d, held);
                    end if;
                    return new;
                end $$
                """.formatted(victim, HOLDING, HOLD)).update();
        jdbc.sql("""
                create or replace trigger schedule_fire_hold before insert on schedule_fire
                   for each row execute function hold_one()
                """).update();
        jdbc.sql("""
                create or replace trigger batch_step_hold before insert on batch_step_execution
                   for each row when (new.step_name = 'reportRowsStep') execute function hold_one()
                """).update();
        long started = System.nanoTime();
        Map<Long, Planned> planned = createSchedules();
        awaitFires(FIRES / 4);
        // A node with nothing to fire looks again only after Quartz's idle wait (23 to 30 s): first, it takes part.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.sql("""
                select count(*) from schedule_fire where node = :victim
                """).param("victim", victim).query(Long.class).single() >= 20);

        Instant killedAt;
        Instant fireHeldFrom;
        try (Connection hold = DriverManager.getConnection(TestDatabase.connection().url(),
                TestDatabase.connection().username(), TestDatabase.connection().password())) {
            // A run first, as they come less often; then a fire, which holds its schedule back until it is recovered.
            hold(hold, 2);
            awaitHeld(victim, 2);
            fireHeldFrom = Instant.now();
            hold(hold, 1);
            awaitHeld(victim, 1);
            victimNode.kill();
            killedAt = Instant.now();
        }
        // What it had taken, once the database has finished with its connections (a commit already sent counts).
        Thread.sleep(1000);
        List<Taken> held = jdbc.sql("""
                select trigger_name, trigger_group, state from qrtz_fired_triggers where instance_name = :victim
                """).param("victim", victim).query(Taken.class).list();
        Set<Long> heldRuns = new TreeSet<>();
        List<HeldFire> heldFires = new ArrayList<>();
        for (Taken taken : held) {
            Matcher fire = SCHEDULE_TRIGGER.matcher(taken.triggerName());
            Matcher run = RUN_TRIGGER.matcher(taken.triggerName());
            if (fire.matches()) {
                heldFires.add(new HeldFire(Long.parseLong(fire.group(1)),
                        Instant.ofEpochMilli(Long.parseLong(fire.group(2))), taken.state().equals("EXECUTING")));
            }
            else if (run.matches()) {
                heldRuns.add(Long.parseLong(run.group(1)));
            }
        }
        Set<Long> heldSchedules = heldFires.stream().map(HeldFire::scheduleId).collect(Collectors.toSet());
        Set<String> executing = heldFires.stream().filter(HeldFire::executing).map(HeldFire::key)
                .collect(Collectors.toSet());
        // It had recorded some, and not others: both kinds are recovered.
        Set<String> recordedByVictim = new TreeSet<>(jdbc.sql("""
                select schedule_id || '@' || to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                  from schedule_fire where node = :victim
                """).param("victim", victim).query(String.class).list());
        recordedByVictim.retainAll(executing);
        Set<String> notDone = heldFires.stream().map(HeldFire::key).filter(key -> !recordedByVictim.contains(key))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(heldRuns).as("runs the killed node was executing: %s", held).isNotEmpty();
        assertThat(recordedByVictim).as("fires the killed node had recorded and was executing: %s", held)
                .isNotEmpty();
        assertThat(notDone).as("fires the killed node was executing and had not recorded: %s", held)
                .containsAnyElementsOf(executing);

        // Recovered when another node removes the dead one from the cluster, freeing and re-firing what it held.
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql("""
                select count(*) from qrtz_scheduler_state where instance_name = :victim
                """).param("victim", victim).query(Long.class).single() == 0);
        Instant recoveredAt = Instant.now();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql("""
                select count(*) from report_run where id in (:runs) and status = 'COMPLETED'
                """).param("runs", heldRuns).query(Long.class).single() == heldRuns.size()
                && heldFires.stream().allMatch(fire -> recorded(fire.scheduleId(), fire.dueAt())));
        Instant completedAt = Instant.now();
        // The cluster goes on firing, on the nodes left, for a while after the recovery.
        awaitFires(FIRES);
        long rest = Duration.between(Instant.now(), recoveredAt.plusSeconds(10)).toMillis();
        if (rest > 0) {
            Thread.sleep(rest);
        }
        Instant stoppedAt = stop(planned);
        double seconds = (System.nanoTime() - started) / 1e9;
        awaitQuiet();

        List<Fire> fires = fires();
        assertEachFireRanItsFanOut(planned, fires);
        assertThat(fires).as("fires handled by the killed node after its death")
                .noneMatch(fire -> fire.node().equals(victim) && fire.firedAt().isAfter(killedAt));
        assertThat(fires.stream().map(Fire::node).collect(Collectors.toSet())).as("nodes that handled fires")
                .containsExactlyInAnyOrderElementsOf(nodes);
        // Each fire it held is recorded once: by it, if it had recorded it, or else after its death by another.
        for (HeldFire heldFire : heldFires) {
            assertThat(fires).as("records of the fire %s held by the killed node", heldFire)
                    .filteredOn(fire -> fire.scheduleId() == heldFire.scheduleId()
                            && fire.dueAt().equals(heldFire.dueAt()))
                    .singleElement()
                    .matches(fire -> recordedByVictim.contains(heldFire.key()) ? fire.node().equals(victim)
                            : !fire.node().equals(victim) && fire.firedAt().isAfter(killedAt), "handled once");
        }
        List<Run> runs = runs();
        assertThat(runs).as("runs").isNotEmpty().allSatisfy(run -> {
            assertThat(run.status()).as("run %d", run.id()).isEqualTo("COMPLETED");
            assertThat(run.completedExecutions()).as("COMPLETED job executions of run %d", run.id()).isEqualTo(1);
            // Only a run under way on the killed node has another: the one it was killed in, FAILED.
            assertThat(run.failedExecutions()).as("FAILED job executions of run %d", run.id())
                    .isEqualTo(run.executions() - 1).isLessThanOrEqualTo(heldRuns.contains(run.id()) ? 1 : 0);
            assertThat(run.deliveries()).as("deliveries of run %d", run.id()).isEqualTo(1);
        });
        List<String> log = logOfAllNodes();
        Map<Long, List<String>> taken = taken(log);
        assertThat(taken.keySet()).as("runs taken").containsExactlyInAnyOrderElementsOf(
                runs.stream().map(Run::id).toList());
        assertThat(taken).allSatisfy((run, lines) -> {
            if (heldRuns.contains(run)) {
                // Taken over once by a node left alive, whatever the killed one had done with it.
                assertThat(lines).as("run %d, held by the killed node, taken", run)
                        .filteredOn(line -> line.endsWith(", recovering")).singleElement()
                        .matches(line -> !line.contains("taken by node " + victim + ","), "by another node");
            }
            else {
                assertThat(lines).as("run %d taken", run).hasSize(1)
                        .allMatch(line -> line.contains("(QUEUED) taken") && !line.endsWith(", recovering"));
            }
        });
        assertThat(log).as("runs started twice").noneMatch(line -> STARTED_TWICE.matcher(line).find());
        // Delivered again: exactly the fires it was executing and had recorded before dying; recognised, not run.
        List<Matcher> redelivered = redelivered(log);
        assertThat(redelivered).as("fires delivered again").allMatch(line -> !line.group(3).equals(victim)
                && line.group(5).equals(victim));
        assertThat(redelivered.stream().map(line -> line.group(1) + "@" + line.group(2)).toList())
                .as("fires delivered again").containsExactlyInAnyOrderElementsOf(recordedByVictim);

        List<Gap> gaps = gaps(planned, fires, stoppedAt);
        for (Gap gap : gaps) {
            // Only a schedule whose fire the dead node held, and only while it was dead: the fire before the gap
            // was handled after the kill, by another node, and its next fire computed from then.
            assertThat(heldSchedules).as("gap %s: the killed node held a fire of the schedule", gap)
                    .contains(gap.scheduleId());
            assertThat(gap.before().node()).as("gap %s: handled by", gap).isNotEqualTo(victim);
            assertThat(gap.before().firedAt()).as("gap %s: handled at", gap).isAfter(killedAt)
                    .isBefore(recoveredAt.plus(HANDOVER_BOUND));
            assertThat(gap.missing()).as("gap %s: due times missing", gap)
                    .allMatch(due -> due.isAfter(fireHeldFrom.minus(PERIOD)), "due once it was held (less a period)")
                    .allMatch(due -> !due.isAfter(gap.before().firedAt().plusSeconds(1)), "due before it was handled");
        }
        // And each fire it held and had not done, done late, passed over the due times until then.
        assertThat(gaps.stream().map(gap -> gap.scheduleId() + "@" + gap.before().dueAt()).toList())
                .as("fires followed by a gap").containsExactlyInAnyOrderElementsOf(notDone);
        int missing = gaps.stream().mapToInt(gap -> gap.missing().size()).sum();
        Lateness lateness = lateness();
        System.out.printf("Cluster fires, a node killed: %,d fires of %d schedules every %d s (%,d runs) on %d nodes"
                + " in %.1f s; killed holding %d fire(s) (%d done, %d not; one held %.1f s before the kill) and %d"
                + " run(s); recovered %.1f s after the kill, its work done %.1f s after; duplicates 0, redeliveries %d"
                + " (recognised), misses 0 outside the dead window; passed over while it was dead: %d due time(s) of"
                + " %d schedule(s), from %.1f s to %.1f s after the kill; lateness max %d ms%n",
                fires.size(), SCHEDULES, PERIOD_SECONDS, runs.size(), nodes.size(), seconds, heldFires.size(),
                recordedByVictim.size(), notDone.size(), Duration.between(fireHeldFrom, killedAt).toMillis() / 1e3,
                heldRuns.size(), Duration.between(killedAt, recoveredAt).toMillis() / 1e3,
                Duration.between(killedAt, completedAt).toMillis() / 1e3, redelivered.size(), missing, gaps.size(),
                gaps.stream().flatMap(gap -> gap.missing().stream()).min(Instant::compareTo)
                        .map(first -> Duration.between(killedAt, first).toMillis() / 1e3).orElse(0.0),
                gaps.stream().flatMap(gap -> gap.missing().stream()).max(Instant::compareTo)
                        .map(last -> Duration.between(killedAt, last).toMillis() / 1e3).orElse(0.0),
                lateness.max());
    }

    /**
     * Starts two other firing nodes; returns the instance ids of the three, this node's first. The first other node
     * may be made to hold its first fire, and names its database connections after itself.
     */
    private List<String> startCluster(boolean firstHoldsAFire) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> nodes = new ArrayList<>(List.of(scheduler.getSchedulerInstanceId()));
        nodes.add("cluster-" + run + "-a");
        otherNodes.add(firstHoldsAFire ? startFiringNode(nodes.get(1), "--" + FaultNodeMain.HOLD_FIRST_FIRE + "=true",
                "--spring.datasource.hikari.data-source-properties.ApplicationName=" + nodes.get(1))
                : startFiringNode(nodes.get(1)));
        nodes.add("cluster-" + run + "-b");
        otherNodes.add(startFiringNode(nodes.get(2)));
        for (OtherNode node : otherNodes) {
            node.awaitReady();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.sql("""
                select count(*) from qrtz_scheduler_state
                 where instance_name in (:nodes) and last_checkin_time > extract(epoch from now()) * 1000 - 3000
                """).param("nodes", nodes.subList(1, 3)).query(Long.class).single() == 2);
        return nodes;
    }

    /**
     * One in ten fans out over the week with performances (two runs a fire) or runs for one partner company (one);
     * the rest fan out over a week without performances: a fire of a few queries and its next trigger.
     */
    private Map<Long, Planned> createSchedules() {
        Map<Long, Planned> planned = new LinkedHashMap<>();
        for (int i = 0; i < SCHEDULES; i++) {
            int offset = i % PERIOD_SECONDS;
            int runsPerFire = i % 20 == 0 ? 2 : i % 20 == 10 ? 1 : 0;
            Instant before = Instant.now();
            long saved = SavedDefinitions.fixed(savedReports, "partner-event-sales",
                    Map.of("period", runsPerFire == 0 ? EMPTY_WEEK : WEEK), OutputFormat.CSV);
            long id = schedules.create(new ScheduleRequest("Cluster " + i, saved, Map.of(), null,
                    When.cron(offset + "/" + PERIOD_SECONDS + " * * * * *"), null, null,
                    runsPerFire == 1 ? FanOut.ONE_PARTNER : FanOut.PARTNERS_WITH_EVENTS,
                    runsPerFire == 1 ? 1L + i % 2 : null, DeliveryMode.ATTACHMENT, false,
                    List.of("marketing@venue.example"), true, "tests")).id();
            planned.put(id, new Planned(id, offset, runsPerFire, nextDue(before, offset),
                    nextDue(Instant.now(), offset)));
        }
        return planned;
    }

    /** The first time after {@code after} that a schedule on this offset fires, worked out here from its cron. */
    private static Instant nextDue(Instant after, int offset) {
        long second = after.getEpochSecond() + 1;
        while (Math.floorMod(second, PERIOD_SECONDS) != offset) {
            second++;
        }
        return Instant.ofEpochSecond(second);
    }

    private void awaitFires(int fires) {
        await().atMost(Duration.ofSeconds(60 + 3L * fires * PERIOD_SECONDS / SCHEDULES))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.sql("select count(*) from schedule_fire").query(Long.class).single() >= fires);
    }

    /** Holds one statement of the node to kill on the table numbered {@code held}, from the next one on. */
    private static void hold(Connection hold, int held) throws SQLException {
        try (Statement statement = hold.createStatement()) {
            statement.execute("select pg_advisory_lock(" + HOLD + ", " + held + ")");
        }
    }

    /** Until a statement of the node is held on the table numbered {@code held}. */
    private void awaitHeld(String node, int held) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql("""
                select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
                 where l.locktype = 'advisory' and not l.granted and l.classid::bigint = :hold
                   and l.objid::bigint = :held
                   and a.application_name = :node
                """).param("hold", HOLD).param("held", held).param("node", node).query(Long.class).single() == 1);
    }

    /** Pauses every schedule; returns when it started. */
    private Instant stop(Map<Long, Planned> planned) {
        Instant stoppedAt = Instant.now();
        for (long id : planned.keySet()) {
            schedules.pause(id);
        }
        return stoppedAt;
    }

    /** Until no fire or run is under way or queued anywhere, and no dead node's work is left to recover. */
    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.sql("""
                select (select count(*) from qrtz_fired_triggers
                         where trigger_group in ('schedules', 'runs', 'RECOVERING_JOBS'))
                     + (select count(*) from qrtz_triggers where trigger_group in ('runs', 'RECOVERING_JOBS'))
                     + (select count(*) from report_run where status in ('QUEUED', 'RUNNING'))
                """).query(Long.class).single() == 0);
    }

    private boolean recorded(long scheduleId, Instant dueAt) {
        return jdbc.sql("select count(*) from schedule_fire where schedule_id = :schedule and due_at = :due")
                .param("schedule", scheduleId).param("due", Timestamp.from(dueAt)).query(Long.class).single() == 1;
    }

    private List<Fire> fires() {
        return jdbc.sql("""
                select f.schedule_id, f.due_at, f.fired_at, f.outcome, f.node, count(r.run_id) as runs
                  from schedule_fire f left join schedule_fire_run r on r.fire_id = f.id
                 group by f.id order by f.schedule_id, f.due_at
                """).query((row, i) -> new Fire(row.getLong("schedule_id"), row.getTimestamp("due_at").toInstant(),
                row.getTimestamp("fired_at").toInstant(), row.getString("outcome"), row.getString("node"),
                row.getInt("runs"))).list();
    }

    /** Each fire ran for exactly the partner companies of its fan-out, worked out here from the venue's data. */
    private static void assertEachFireRanItsFanOut(Map<Long, Planned> planned, List<Fire> fires) {
        assertThat(fires).as("fires").allSatisfy(fire -> {
            assertThat(fire.outcome()).as("outcome of %s", fire)
                    .isEqualTo(planned.get(fire.scheduleId()).runsPerFire() == 0 ? "NOTHING_TO_RUN" : "RAN");
            assertThat(fire.runs()).as("runs of %s", fire).isEqualTo(planned.get(fire.scheduleId()).runsPerFire());
        });
    }

    private List<Run> runs() {
        return jdbc.sql("""
                select r.id, r.status,
                       (select count(*) from batch_job_execution_params p
                          join batch_job_execution e on e.job_execution_id = p.job_execution_id
                         where p.parameter_name = 'runId' and p.parameter_value = cast(r.id as varchar)) as executions,
                       (select count(*) from batch_job_execution_params p
                          join batch_job_execution e on e.job_execution_id = p.job_execution_id
                         where p.parameter_name = 'runId' and p.parameter_value = cast(r.id as varchar)
                           and e.status = 'COMPLETED') as completed_executions,
                       (select count(*) from batch_job_execution_params p
                          join batch_job_execution e on e.job_execution_id = p.job_execution_id
                         where p.parameter_name = 'runId' and p.parameter_value = cast(r.id as varchar)
                           and e.status = 'FAILED') as failed_executions,
                       (select count(*) from delivery d where d.run_id = r.id and d.kind = 'REPORT') as deliveries
                  from report_run r order by r.id
                """).query(Run.class).list();
    }

    /**
     * Each schedule's due times, with the one still pending (paused) in Quartz, against its cron: the first is
     * the first after it was created, each one is on the cron, the pending one is at most {@link #STOP_LAG} behind
     * the stop, and the gaps between them are returned.
     */
    private List<Gap> gaps(Map<Long, Planned> planned, List<Fire> fires, Instant stoppedAt) {
        Map<Long, List<Fire>> bySchedule = fires.stream().collect(Collectors.groupingBy(Fire::scheduleId));
        List<Gap> gaps = new ArrayList<>();
        for (Planned schedule : planned.values()) {
            List<Fire> recorded = bySchedule.getOrDefault(schedule.id(), List.of());
            List<Taken> triggers = jdbc.sql("""
                    select trigger_name, trigger_group, trigger_state as state from qrtz_triggers
                     where trigger_group = 'schedules' and job_name = :job
                    """).param("job", "schedule-" + schedule.id()).query(Taken.class).list();
            assertThat(triggers).as("pending fires of schedule %d", schedule.id()).hasSize(1)
                    .allMatch(trigger -> trigger.state().equals("PAUSED"), "paused")
                    .allMatch(trigger -> SCHEDULE_TRIGGER.matcher(trigger.triggerName()).matches(), "scheduled");
            Matcher name = SCHEDULE_TRIGGER.matcher(triggers.get(0).triggerName());
            assertThat(name.matches()).isTrue();
            Instant pending = Instant.ofEpochMilli(Long.parseLong(name.group(2)));
            assertThat(pending).as("pending fire of schedule %d", schedule.id())
                    .isAfter(stoppedAt.minus(STOP_LAG));
            assertThat(recorded).as("fires of schedule %d", schedule.id()).isNotEmpty();
            List<Instant> dues = new ArrayList<>(recorded.stream().map(Fire::dueAt).toList());
            dues.add(pending);
            assertThat(dues.get(0)).as("first fire of schedule %d", schedule.id())
                    .isBetween(schedule.firstDueFrom(), schedule.firstDueTo());
            assertThat(dues).as("due times of schedule %d", schedule.id()).isSorted()
                    .allMatch(due -> due.getNano() == 0
                            && Math.floorMod(due.getEpochSecond(), PERIOD_SECONDS) == schedule.offset(), "on its cron");
            for (int i = 1; i < dues.size(); i++) {
                List<Instant> missing = new ArrayList<>();
                for (Instant due = dues.get(i - 1).plus(PERIOD); due.isBefore(dues.get(i)); due = due.plus(PERIOD)) {
                    missing.add(due);
                }
                if (!missing.isEmpty()) {
                    gaps.add(new Gap(schedule.id(), recorded.get(i - 1), missing));
                }
            }
        }
        return gaps;
    }

    /** How late fires were handled: fired_at (the start of the fire's transaction) less due_at. */
    private record Lateness(long p50, long p99, long max) {
    }

    private Lateness lateness() {
        return jdbc.sql("""
                select round(percentile_cont(0.5) within group (order by late)) as p50,
                       round(percentile_cont(0.99) within group (order by late)) as p99, max(late) as max
                  from (select extract(epoch from fired_at - due_at) * 1000 as late from schedule_fire) fires
                """).query(Lateness.class).single();
    }

    /** Every line of every node's log: this node's events about fires and runs, the other nodes' whole output. */
    private List<String> logOfAllNodes() throws IOException {
        List<String> lines = new ArrayList<>();
        synchronized (thisNodeLog) {
            thisNodeLog.list.forEach(event -> lines.add(event.getFormattedMessage()));
        }
        for (OtherNode node : otherNodes) {
            lines.addAll(Files.readAllLines(node.log(), StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** The lines saying a node took a run, by run. */
    private static Map<Long, List<String>> taken(List<String> log) {
        Map<Long, List<String>> taken = new TreeMap<>();
        for (String line : log) {
            Matcher matcher = TAKEN.matcher(line);
            if (matcher.find()) {
                taken.computeIfAbsent(Long.parseLong(matcher.group(1)), run -> new ArrayList<>())
                        .add(line.substring(matcher.start()).strip());
            }
        }
        return taken;
    }

    /** The lines saying a node was given a fire already recorded. */
    private static List<Matcher> redelivered(List<String> log) {
        List<Matcher> lines = new ArrayList<>();
        for (String line : log) {
            Matcher matcher = DELIVERED_AGAIN.matcher(line);
            if (matcher.find()) {
                lines.add(matcher);
            }
        }
        return lines;
    }
}
