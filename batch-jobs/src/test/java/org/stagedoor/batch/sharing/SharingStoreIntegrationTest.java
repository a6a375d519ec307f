package org.stagedoor.batch.sharing;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.store.StoreIntegrationTest;

/**
 * Base of the sharing stores' tests: only the database and this package's stores start (no Spring Batch, no jobs),
 * on the test database migrated by Flyway and emptied before each test. No test runs in a transaction of its own:
 * the database refuses some statements on purpose, which would end a transaction the test goes on using.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ SharingLedger.class, SubjectAccess.class, ManifestRecords.class, SharedColumns.class, RunRecipients.class })
abstract class SharingStoreIntegrationTest extends StoreIntegrationTest {
}
