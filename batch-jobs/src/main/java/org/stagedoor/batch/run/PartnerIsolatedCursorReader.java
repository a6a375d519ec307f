package org.stagedoor.batch.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads a partner company's run as the database role {@code stagedoor_partner_reader}, with the setting
 * {@code stagedoor.partner_company_id} naming the company: PostgreSQL's row-level security (migration V8) then
 * hides every other company's rows from the statement, so even one that forgot its partner filter cannot return
 * them. Both are {@code SET LOCAL}: they end with the cursor's transaction, before the connection goes back to
 * the pool. A venue run (no partner company) reads as the application. Every run's statement is planned for its
 * own values ({@link #planForTheseValues}).
 */
class PartnerIsolatedCursorReader extends JdbcCursorItemReader<Object[]> {

    static final String ROLE = "stagedoor_partner_reader";

    private final Long partnerCompanyId;

    PartnerIsolatedCursorReader(DataSource dataSource, String sql, RowMapper<Object[]> rowMapper,
            Long partnerCompanyId) {
        super(dataSource, sql, rowMapper);
        this.partnerCompanyId = partnerCompanyId;
    }

    @Override
    protected void openCursor(Connection connection) {
        planForTheseValues(connection);
        if (partnerCompanyId != null) {
            isolate(connection, partnerCompanyId);
        }
        super.openCursor(connection);
    }

    /**
     * PgJDBC prepares a statement on the server after five runs on a pooled connection, and PostgreSQL may then
     * plan it once for any values, while a report's best plan depends on its period. Planning each run costs
     * milliseconds (docs/decisions/0007-a-plan-for-each-run.md).
     */
    private static void planForTheseValues(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement(
                "select set_config('plan_cache_mode', 'force_custom_plan', true)")) {
            statement.execute();
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not set the report statement's planning: " + ex.getMessage(), ex);
        }
    }

    /** Within the connection's current transaction (auto-commit off). */
    static void isolate(Connection connection, long partnerCompanyId) {
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
