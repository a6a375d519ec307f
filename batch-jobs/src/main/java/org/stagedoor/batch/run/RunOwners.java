package org.stagedoor.batch.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Which process runs a run: the one holding the run's PostgreSQL advisory lock, on a connection of its own, from
 * before the run is marked RUNNING until it has ended. A process that dies, however (SIGKILL, a power cut), loses its
 * connection and with it the lock, so a run RUNNING whose lock is free has no living owner, whoever started it: a
 * command, a portal node, a scheduler node. No heartbeat to keep or judge: PostgreSQL knows which sessions live.
 * (A connection pooler in transaction mode would break this; Stagedoor connects to PostgreSQL directly.)
 */
@Component
class RunOwners {

    private static final Logger log = LoggerFactory.getLogger(RunOwners.class);

    /** The upper half of every run's lock key ("Stag"), so that no other advisory lock takes a run's. */
    private static final long KEY_SPACE = 0x5374_6167L << 32;

    /** Longer than any recovery holds a lock (a few statements), far shorter than a run. */
    private static final Duration HOLD_WAIT = Duration.ofSeconds(30);

    private final DataSource dataSource;

    RunOwners(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Holds the run's lock until closed, for this process's run of it; waits while a recovery holds it.
     *
     * @throws IllegalStateException when another living process holds it (it runs the run)
     */
    Held hold(long runId) {
        Held held = open(runId);
        long deadline = System.nanoTime() + HOLD_WAIT.toNanos();
        while (!held.tryLock()) {
            if (System.nanoTime() > deadline) {
                held.close();
                throw new IllegalStateException("Run " + runId + " is being run by another process");
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                held.close();
                throw new IllegalStateException("Interrupted while waiting to run run " + runId, ex);
            }
        }
        return held;
    }

    /** The run's lock when no living process holds it: its owner, if it had one, is gone. */
    Optional<Held> takeIfOwnerGone(long runId) {
        Held held = open(runId);
        if (held.tryLock()) {
            return Optional.of(held);
        }
        held.close();
        return Optional.empty();
    }

    private Held open(long runId) {
        try {
            return new Held(connect(), KEY_SPACE + runId);
        }
        catch (SQLException ex) {
            throw new CannotGetJdbcConnectionException("No connection to hold run " + runId + " with", ex);
        }
    }

    /**
     * A connection of its own, outside the pool: a run waiting for a slot holds its lock but must hold none of the
     * pool's connections (which the pool's size is reckoned on, three a running run and two to spare).
     */
    private Connection connect() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            Properties properties = new Properties();
            properties.putAll(pool.getDataSourceProperties());
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            properties.setProperty("ApplicationName", "stagedoor run owner");
            return DriverManager.getConnection(pool.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }

    /** A run's lock held on its own connection; closing it releases both. */
    static final class Held implements AutoCloseable {

        private final Connection connection;

        private final JdbcClient jdbc;

        private final long key;

        private boolean locked;

        private Held(Connection connection, long key) {
            this.connection = connection;
            this.jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            this.key = key;
        }

        private boolean tryLock() {
            locked = Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_lock(:key)").param("key", key)
                    .query(Boolean.class).single());
            return locked;
        }

        @Override
        public void close() {
            try {
                if (locked) {
                    jdbc.sql("select pg_advisory_unlock(:key)").param("key", key).query(Boolean.class).single();
                }
            }
            catch (RuntimeException ex) {
                // The connection is gone (the database restarted): so is the lock.
                log.debug("Could not release the lock of a run ({})", ex.getMessage());
            }
            finally {
                try {
                    connection.close();
                }
                catch (SQLException ex) {
                    log.debug("Could not close the connection of a run's lock ({})", ex.getMessage());
                }
            }
        }
    }
}
