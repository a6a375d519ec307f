package org.stagedoor.batch.run;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.booking.store.StoreIntegrationTest;

/**
 * Base of the run tests: the store emptied, then the hand-built venue of venue.sql loaded and the reports directory
 * emptied ({@link ReportJobIntegrationTests#loadVenue}), before each test's own setting up.
 */
abstract class VenueIntegrationTest extends StoreIntegrationTest {

    @Autowired
    ReportLauncher launcher;

    @Autowired
    RunRequestCheck requestCheck;

    @Autowired
    DataSource dataSource;

    @Autowired
    ReportSettings settings;

    @BeforeEach
    void loadTheVenue() {
        ReportJobIntegrationTests.loadVenue(dataSource, settings);
    }
}
