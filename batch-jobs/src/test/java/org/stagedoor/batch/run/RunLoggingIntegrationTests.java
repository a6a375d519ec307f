package org.stagedoor.batch.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.output.RunLogging;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line a run writes names the run ({@code runId} in its logging context, which the JSON logs switched on with
 * {@code logging.structured.format.console} write as a field of their own); lines outside it do not. The lines are
 * taken from the logging system itself: its console format is set once per test JVM, by whichever context starts first.
 */
@SpringBootTest
class RunLoggingIntegrationTests extends VenueIntegrationTest {

    @Test
    void everyLineOfARunsJobCarriesItsRunIdAndTheThreadForgetsItAfter() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(lines);
        ReportRun run;
        try {
            run = launcher.run(new RunRequest("facilitated-sales", null, Map.of("period", "2026-10-01..2026-10-07"),
                    OutputFormat.XLSX, "tests"));
            LoggerFactory.getLogger(RunLoggingIntegrationTests.class).warn("after the run");
        }
        finally {
            root.detachAppender(lines);
        }

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(MDC.get(RunLogging.RUN_ID)).isNull();
        List<ILoggingEvent> runLines = lines.list.stream()
                .filter(line -> line.getLoggerName().startsWith("org.springframework.batch")
                        || line.getLoggerName().startsWith("org.stagedoor.batch.run"))
                .filter(line -> !line.getLoggerName().equals(RunLoggingIntegrationTests.class.getName()))
                .toList();
        assertThat(runLines).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry(RunLogging.RUN_ID, Long.toString(run.id())));
        assertThat(lines.list).filteredOn(line -> line.getFormattedMessage().equals("after the run")).singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap()).doesNotContainKey(RunLogging.RUN_ID));
    }

    // The try is there for its close(); the resource is never read.
    @SuppressWarnings("try")
    @Test
    void aThreadTheRunStartsCarriesItsRunIdAndClearsItAfter() throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<String> left = new AtomicReference<>("not run");
        try (MDC.MDCCloseable logged = RunLogging.forRun(42)) {
            Runnable task = RunLogging.carried(() -> seen.set(MDC.get(RunLogging.RUN_ID)));
            Thread helper = new Thread(() -> {
                task.run();
                left.set(MDC.get(RunLogging.RUN_ID));
            });
            helper.start();
            helper.join();
        }
        assertThat(seen.get()).isEqualTo("42");
        assertThat(left.get()).isNull();
    }
}
