package org.stagedoor.scheduler.fault;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.booking.store.StoreReset;
import org.stagedoor.demo.generator.GeneratorSettings;
import org.stagedoor.demo.generator.VenueDataGenerator;

/** Base of the fault tests that kill a run mid-way, on a generated venue whose run lasts seconds in another process. */
abstract class LargeVenueFaultTest extends FaultNodeIntegrationTest {

    /** The venue's data stands at this instant; its orders were confirmed in the 400 days before it. */
    static final Instant NOW = Instant.parse("2026-09-01T00:00:00Z");

    private static final GeneratorSettings SETTINGS = new GeneratorSettings(GeneratorSettings.DEFAULT_SEED, NOW,
            10_000, 100, 12, 150_000);

    @Autowired
    VenueDataGenerator generator;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    RunRecords records;

    /** Facilitated sales of the 400 days: 147,030 rows (31 MB of CSV). */
    static RunRequest request(String requestedBy) {
        return new RunRequest("facilitated-sales", null,
                Map.of("period", LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(399) + ".."
                        + LocalDate.ofInstant(NOW, ZoneOffset.UTC)),
                OutputFormat.CSV, requestedBy);
    }

    /**
     * Instead of the hand-built venue of the base class (the generator needs an empty store), with the reports
     * directory emptied: run ids start again at 1, and another test's run-1 file must not be taken for this one's.
     */
    @BeforeEach
    void largeVenue() {
        FileSystemUtils.deleteRecursively(reportSettings.directory().toFile());
        StoreReset.emptyAllTables(jdbc);
        generator.generate(SETTINGS, line -> { });
    }
}
