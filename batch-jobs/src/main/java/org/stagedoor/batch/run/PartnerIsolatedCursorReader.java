package org.stagedoor.batch.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads a partner company's run {@link PartnerIsolation isolated}: PostgreSQL's row-level security then hides every
 * other company's rows from the statement, so even one that forgot its partner filter cannot return them. The
 * settings are {@code SET LOCAL}: they end with the cursor's transaction, before the connection goes back to the
 * pool. A venue run (no partner company) reads as the application. Every run's statement is planned for its
 * own values ({@link #planForTheseValues}).
 */
class PartnerIsolatedCursorReader extends JdbcCursorItemReader<Object[]> {

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
            PartnerIsolation.isolate(connection, partnerCompanyId);
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
}
