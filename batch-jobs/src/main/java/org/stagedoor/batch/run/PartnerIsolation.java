package org.stagedoor.batch.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A transaction made to read as a partner company's run reads: as the database role
 * {@code stagedoor_partner_reader}, with {@code stagedoor.partner_company_id} naming the company, so that
 * row-level security (migration V8) hides every other company's rows. Public so that the benches measure the
 * statements exactly as a run isolates them.
 */
public final class PartnerIsolation {

    static final String ROLE = "stagedoor_partner_reader";

    private PartnerIsolation() {
    }

    /** Within the connection's current transaction (auto-commit off): both settings end with it. */
    public static void isolate(Connection connection, long partnerCompanyId) {
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalStateException("Isolation needs a transaction: SET LOCAL would end at once");
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "select set_config('role', ?, true), set_config('stagedoor.partner_company_id', ?, true)")) {
                statement.setString(1, ROLE);
                statement.setString(2, Long.toString(partnerCompanyId));
                statement.execute();
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not read as partner company " + partnerCompanyId
                    + " under row-level security: " + ex.getMessage(), ex);
        }
    }
}
