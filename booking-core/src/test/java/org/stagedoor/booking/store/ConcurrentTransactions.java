package org.stagedoor.booking.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Future;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Two transactions at once on their own connections, for tests of what the store's triggers keep under them. */
public final class ConcurrentTransactions {

    private ConcurrentTransactions() {
    }

    /** Runs a statement of the test's own on a connection whose transaction the test holds open. */
    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Until another transaction waits for a lock, or {@code second} (which may not need one) is done. */
    public static void awaitWaitingOrDone(JdbcClient jdbc, Future<?> second) throws InterruptedException {
        for (int i = 0; i < 300 && !second.isDone(); i++) {
            Long waiting = jdbc.sql("""
                    select count(*) from pg_stat_activity
                     where wait_event_type = 'Lock' and datname = current_database()
                    """).query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
