package org.stagedoor.scheduler.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.run.ReportSettings;
import org.stagedoor.booking.store.TestDatabase;
import org.stagedoor.scheduler.schedule.SchedulerNodeIntegrationTest;

/**
 * Base of the fault tests: this test's node, and others in processes of their own ({@link FaultNodeMain}) on the
 * same database and reports directory, which take commands and can be killed abruptly (SIGKILL). Whatever a test
 * leaves running is killed after it.
 */
abstract class FaultNodeIntegrationTest extends SchedulerNodeIntegrationTest {

    /** The long variants: {@code -Pfaults-long}, or {@code -Dstagedoor.faults.long=true}. */
    static final boolean LONG = Boolean.getBoolean("stagedoor.faults.long");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @Autowired
    ReportSettings reportSettings;

    private final List<OtherNode> nodes = new ArrayList<>();

    @AfterEach
    void killOtherNodes() throws InterruptedException {
        for (OtherNode node : nodes) {
            node.kill();
        }
        nodes.clear();
    }

    /**
     * Starts another node; it takes commands once {@link OtherNode#awaitReady()} returns. Starting takes seconds
     * (a JVM and a Spring context), so a test may start the next node while the current one works.
     */
    OtherNode startOtherNode() throws IOException {
        // It runs what it is told, and takes no Quartz triggers from this node.
        return startOtherNode(List.of("--stagedoor.scheduler.auto-startup=false"));
    }

    /**
     * Starts another node of the schedule cluster: it fires schedules and runs as this node does (with its short
     * check-in interval and misfire threshold), under the given Quartz instance id, so that the job store's rows
     * say which node is which; with more settings if given ({@code --name=value}). It takes commands too.
     */
    OtherNode startFiringNode(String instanceId, String... settings) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--stagedoor.scheduler.auto-startup=true",
                "--stagedoor.scheduler.misfire-threshold=1s",
                "--stagedoor.scheduler.cluster-checkin-interval=1s",
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + instanceId));
        arguments.addAll(List.of(settings));
        return startOtherNode(arguments);
    }

    private OtherNode startOtherNode(List<String> schedulerSettings) throws IOException {
        // Kept with the build's output, for a failure's diagnosis.
        Path logs = Files.createDirectories(Path.of("target", "fault-nodes"));
        Path log = Files.createTempFile(logs, "node-", ".log").toAbsolutePath();
        TestDatabase.Connection database = TestDatabase.connection();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                // Quicker to start on two cores (C1 only, one GC thread); the node lives for seconds.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), FaultNodeMain.class.getName(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--stagedoor.delivery.sender-enabled=false",
                "--stagedoor.dev-mailbox.port=0",
                "--stagedoor.reports.directory=" + reportSettings.directory().toAbsolutePath()));
        command.addAll(schedulerSettings);
        OtherNode node = new OtherNode(new ProcessBuilder(command).redirectErrorStream(true).start(), log);
        nodes.add(node);
        return node;
    }

    /** A node in a process of its own: commands to its standard input, answers from its standard output. */
    static final class OtherNode {

        private final Process process;

        private final Path log;

        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

        OtherNode(Process process, Path log) {
            this.process = process;
            this.log = log;
            // Drained all the time, or the node blocks on a full pipe.
            Thread drain = new Thread(this::drain, "fault-node-output-" + process.pid());
            drain.setDaemon(true);
            drain.start();
        }

        private void drain() {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    Writer writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith(FaultNodeMain.ANSWER)) {
                        answers.add(line.substring(FaultNodeMain.ANSWER.length()));
                    }
                    writer.write(line);
                    writer.write('\n');
                    writer.flush();
                }
            }
            catch (IOException ex) {
                // The node was killed: its output ends here.
            }
            finally {
                answers.add("exited");
            }
        }

        /** Everything the node wrote, kept with the build's output. */
        Path log() {
            return log;
        }

        void awaitReady() throws InterruptedException {
            String ready = answer(START_TIMEOUT);
            if (!"ready".equals(ready)) {
                throw new AssertionError("The other node did not start: " + ready + "; its log: " + log);
            }
        }

        void send(String command) {
            try {
                process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("The other node does not take commands; its log: " + log, ex);
            }
        }

        /** The node's next answer. */
        String answer(Duration timeout) throws InterruptedException {
            String answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw new AssertionError("No answer from the other node within " + timeout + "; its log: " + log);
            }
            return answer;
        }

        /** SIGKILL: no shutdown hook, no finally block, no last commit. */
        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
