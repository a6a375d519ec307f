package org.stagedoor.demo.generator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Service;

import org.stagedoor.booking.venue.VenueProperties;

/**
 * Fills an empty store with a realistic, seeded venue: customers and their relationships, partner
 * companies, events and performances, orders (some facilitated) with tickets, memberships and
 * donations, and partner-company contact preferences. Everything obeys the domain rules and the
 * database's own checks: check constraints and triggers stay on, so the facilitation trigger checks
 * every facilitated order (F-2, F-3) and the preference trigger writes the history (P-8); foreign keys
 * and secondary indexes are set aside during the load and checked and rebuilt at its end
 * (see DeferredConstraints).
 *
 * Rows go in with COPY, in one transaction on a connection of its own: a failure leaves the store as
 * it was. The loaded tables are locked until the commit. Ids are written explicitly, then every
 * identity sequence is moved past them, and the tables are analysed so that reports get good plans
 * at once.
 */
@Service
public class VenueDataGenerator {

    /** Tables that must be empty besides customer: the generator writes explicit ids from 1. */
    private static final String[] DATA_TABLES = {
        "relationship", "partner_company", "event", "event_instance", "customer_order", "ticket", "membership",
        "donation", "partner_preference", "partner_preference_history",
    };

    /** Every table the load writes to, directly or through a trigger. */
    private static final String[] LOADED_TABLES = {
        "customer", "relationship", "partner_company", "event", "event_partner_company", "event_instance",
        "customer_order", "ticket", "membership", "donation", "partner_preference", "partner_preference_history",
        "order_summary", "partner_preference_latest",
    };

    private static final String[] IDENTITY_TABLES = {
        "customer", "relationship_type", "relationship", "partner_company", "event", "event_instance",
        "membership_scheme", "price_band", "customer_order", "ticket", "membership", "donation",
        "partner_preference_history",
    };

    private final DataSource dataSource;

    private final VenueProperties venue;

    VenueDataGenerator(DataSource dataSource, VenueProperties venue) {
        this.dataSource = dataSource;
        this.venue = venue;
    }

    /**
     * Generates the venue described by the settings into the store, which must hold no customers
     * (nor other generated data). Relationship types, membership schemes and price bands that already
     * exist under the generator's names are reused.
     *
     * @param progress receives a line per phase and per million rows of the large tables
     * @throws IllegalStateException if the store already holds customers or other generated data
     */
    public GenerationSummary generate(GeneratorSettings settings, Consumer<String> progress) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            GenerationSummary summary;
            try {
                connection.setAutoCommit(false);
                summary = load(connection, settings, progress);
                connection.commit();
            }
            catch (SQLException | RuntimeException | Error ex) {
                try {
                    connection.rollback();
                }
                catch (SQLException rollback) {
                    ex.addSuppressed(rollback);
                }
                throw ex;
            }
            finally {
                connection.setAutoCommit(autoCommit);
            }
            Progress analysing = new Progress(progress, "analyse");
            try (Statement statement = connection.createStatement()) {
                // The load wrote the preference history a row at a time in one transaction, which folds the store's
                // consent tallies once (V30, V34); folded here, a count reads a few rows instead of one per entry.
                statement.execute("select partner_consent_tally_fold()");
                statement.execute("select partner_consent_pair_tally_fold()");
                statement.execute("analyze");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            analysing.done("statistics updated");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            progress.accept(String.format(Locale.ROOT, "venue data generated in %.1f s: %,d rows, %,.0f rows/s",
                    took.toMillis() / 1e3, summary.rows(), summary.rows() / Math.max(took.toMillis() / 1e3, 1e-3)));
            return summary.withTook(took);
        }
        catch (SQLException ex) {
            DataAccessException translated = new SQLStateSQLExceptionTranslator().translate("generate venue data",
                    null, ex);
            throw translated != null ? translated : new UncategorizedSQLException("generate venue data", null, ex);
        }
    }

    private GenerationSummary load(Connection connection, GeneratorSettings settings, Consumer<String> progress)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Nobody adds a customer or an order between the emptiness check and the commit.
            statement.execute("""
                    lock table customer, partner_company, event, customer_order in share row exclusive mode
                    """);
            // One commit at the end: waiting for its flush is the only cost, and a crash loses nothing kept.
            statement.execute("set local synchronous_commit = off");
        }
        refuseUnlessEmpty(connection);
        progress.accept(String.format(Locale.ROOT,
                "generating a venue around %s (seed %d): %,d customers, %,d events, %,d partner companies, "
                        + "%,d tickets", settings.now(), settings.seed(), settings.customers(), settings.events(),
                settings.partnerCompanies(), settings.tickets()));
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Timeline timeline = new Timeline(settings.now(), venue.timeZone());
        ReferenceData reference = ReferenceData.ensure(connection);
        DeferredConstraints deferred = DeferredConstraints.setAside(connection, LOADED_TABLES,
                new Progress(progress, "constraints"));
        Progress phase = new Progress(progress, "customers");
        Population population = Households.load(settings, timeline, reference, copy, phase);
        phase = phase.next("programme");
        Programme programme = Programme.load(settings, timeline, copy, phase);
        phase = phase.next("sales");
        Sales sales = Sales.load(settings, timeline, reference, population, programme, copy, phase);
        deferred.restore(connection, phase.next("constraints"));
        resetSequences(connection);
        return new GenerationSummary(population.size, population.relationships, programme.partners,
                programme.eventPartners.length, programme.instances, sales.orders(), sales.facilitated(),
                sales.tickets(), sales.returned(), sales.memberships(), sales.donations(), sales.preferences(),
                Duration.ZERO);
    }

    private static void refuseUnlessEmpty(Connection connection) throws SQLException {
        List<String> filled = new ArrayList<>();
        long customers;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select count(*) from customer")) {
                rows.next();
                customers = rows.getLong(1);
            }
            if (customers > 0) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "The store already holds %,d customers: the venue data generator loads an empty store only. "
                                + "Empty the store or use a new database.", customers));
            }
            for (String table : DATA_TABLES) {
                // Table names are the constants above; nothing from outside is concatenated.
                try (ResultSet rows = statement.executeQuery("select exists (select 1 from " + table + ")")) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        filled.add(table);
                    }
                }
            }
        }
        if (!filled.isEmpty()) {
            throw new IllegalStateException("The store already holds data in " + String.join(", ", filled)
                    + ": the venue data generator loads an empty store only. Empty the store or use a new database.");
        }
    }

    /** Ids were written explicitly; the next id each table hands out must come after them. */
    private static void resetSequences(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : IDENTITY_TABLES) {
                statement.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), "
                        + "coalesce(max(id), 0) + 1, false) from " + table);
            }
        }
    }
}
