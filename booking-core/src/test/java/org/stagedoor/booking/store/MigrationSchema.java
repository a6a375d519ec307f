package org.stagedoor.booking.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A schema of its own in the test database, for a test of one migration: migrated up to a version, given rows as the
 * store held them then, migrated on, and dropped when closed. One connection, whose search path is the schema.
 */
public final class MigrationSchema implements AutoCloseable {

    private final String schema;

    private final SingleConnectionDataSource dataSource;

    private final JdbcClient jdbc;

    private MigrationSchema(String schema) {
        TestDatabase.Connection connection = TestDatabase.connection();
        this.schema = schema;
        this.dataSource = new SingleConnectionDataSource(connection.url(), connection.username(),
                connection.password(), true);
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** An empty schema of this name (one a failed test left behind is dropped first). */
    public static MigrationSchema fresh(String schema) {
        MigrationSchema fresh = new MigrationSchema(schema);
        fresh.drop();
        return fresh;
    }

    /** Migrates the schema up to {@code version} (null: every migration), then reads and writes in it. */
    public void migrateTo(String version) {
        FluentConfiguration configuration = Flyway.configure().dataSource(dataSource).schemas(schema)
                .createSchemas(true).locations("classpath:db/migration");
        if (version != null) {
            configuration.target(version);
        }
        configuration.load().migrate();
        // Flyway puts the connection's search path back after migrating; the name is the test's constant.
        jdbc.sql("set search_path to " + schema).update();
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        drop();
        dataSource.destroy();
    }

    private void drop() {
        jdbc.sql("drop schema if exists " + schema + " cascade").update();
    }
}
