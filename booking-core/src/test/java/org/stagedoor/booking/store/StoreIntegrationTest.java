package org.stagedoor.booking.store;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests that need the store: the test database (embedded PostgreSQL or the one
 * named by {@code STAGEDOOR_TEST_DATABASE_URL}), migrated by Flyway, emptied before each test.
 */
public abstract class StoreIntegrationTest {

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void testDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @BeforeEach
    void emptyStore() {
        StoreReset.emptyAllTables(jdbc);
    }
}
