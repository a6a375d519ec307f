package org.stagedoor.batch.run;

import java.sql.Connection;

/**
 * For the benches: a connection's transaction made to read as a partner run reads, through the job's own
 * {@link PartnerIsolatedCursorReader#isolate} (package-private, hence this class in its package).
 */
public final class PartnerReaderSession {

    private PartnerReaderSession() {
    }

    /** Within the connection's current transaction (auto-commit off). */
    public static void isolate(Connection connection, long partnerCompanyId) {
        PartnerIsolatedCursorReader.isolate(connection, partnerCompanyId);
    }
}
