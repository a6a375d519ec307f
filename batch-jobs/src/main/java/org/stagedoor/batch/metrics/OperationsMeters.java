package org.stagedoor.batch.metrics;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every figure Stagedoor publishes at {@code /actuator/prometheus}, named in one place (docs/operations.md lists them).
 * Without a registry (a module's tests without the actuator) they go to Micrometer's global registry, which keeps
 * nothing unless one is added to it.
 */
@Component
public class OperationsMeters {

    private final MeterRegistry registry;

    OperationsMeters(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
    }

    /** A report run's job has started (or restarted). */
    public void runStarted(String report) {
        Counter.builder("stagedoor.runs.started").description("Report runs started, restarts included")
                .tag("report", report).register(registry).increment();
    }

    /**
     * A report run's job has ended: {@code outcome} completed, failed or stopped; its duration, and for a completed
     * run the rows and bytes of its file.
     */
    public void runEnded(String report, String outcome, Duration duration, long rows, long bytes) {
        Counter.builder("stagedoor.runs." + outcome).description("Report runs ended " + outcome)
                .tag("report", report).register(registry).increment();
        Timer.builder("stagedoor.run.duration").description("How long report runs took, by outcome")
                .tag("report", report).tag("outcome", outcome).register(registry).record(duration);
        Counter.builder("stagedoor.run.rows").description("Rows written by completed report runs")
                .tag("report", report).register(registry).increment(rows);
        Counter.builder("stagedoor.run.bytes").baseUnit("bytes").description("Bytes of files written by report runs")
                .tag("report", report).register(registry).increment(bytes);
    }

    /** A delivery's attempt ended: sent, retried (to be tried again), failed or unknown. */
    public void delivery(String outcome) {
        Counter.builder("stagedoor.deliveries").description("Delivery attempts by outcome")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** How late a schedule's fire started after the time it was due (how busy or down the cluster was). */
    public void scheduleLateness(Duration lateness) {
        Timer.builder("stagedoor.schedule.lateness").description("Delay between a schedule's due time and its fire")
                .register(registry).record(lateness.isNegative() ? Duration.ZERO : lateness);
    }

    /** A sign-in was refused (wrong email or password, disabled account). */
    public void loginFailed() {
        Counter.builder("stagedoor.login.failures").description("Refused sign-ins").register(registry).increment();
    }

    /**
     * Rows an import read from one of its files ({@code kind}: customers, tickets…), {@code outcome} applied or
     * refused.
     */
    public void importRows(String kind, String outcome, long rows) {
        Counter.builder("stagedoor.import.rows").description("Rows of imported files by outcome")
                .tag("kind", kind).tag("outcome", outcome).register(registry).increment(rows);
    }
}
