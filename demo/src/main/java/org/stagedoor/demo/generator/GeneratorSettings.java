package org.stagedoor.demo.generator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What {@link VenueDataGenerator} makes. The same settings give the same data, row for row.
 *
 * @param seed drives every random choice; nothing depends on the wall clock
 * @param now the reference instant: performances run from a year before it to three months after it,
 *        and every order, return and preference change happened before it
 * @param customers customer records, individuals and organisations
 * @param events events, each with one or more performances (their number follows from {@code tickets})
 * @param partnerCompanies partner companies; about a third of them do not collect contact preferences
 * @param tickets ticket lines in all, returned ones included; the number of orders follows from it
 *        (about 2.4 tickets an order, plus membership and donation orders)
 */
public record GeneratorSettings(long seed, Instant now, int customers, int events, int partnerCompanies,
        long tickets) {

    public static final long DEFAULT_SEED = 20_240_917L;

    /** Partner company names are drawn without repetition from a finite list of combinations. */
    public static final int MAX_PARTNER_COMPANIES = 200;

    public GeneratorSettings {
        Objects.requireNonNull(now, "now");
        if (customers < 100) {
            throw new IllegalArgumentException("customers must be at least 100, not " + customers);
        }
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, not " + events);
        }
        if (partnerCompanies < 0 || partnerCompanies > MAX_PARTNER_COMPANIES) {
            throw new IllegalArgumentException("partnerCompanies must be between 0 and " + MAX_PARTNER_COMPANIES
                    + ", not " + partnerCompanies);
        }
        if (tickets < 0) {
            throw new IllegalArgumentException("tickets must not be negative, not " + tickets);
        }
    }

    /**
     * A small venue around today (midnight UTC, so loading twice on one day gives the same data):
     * 2,000 customers, 40 events, 12 partner companies, 20,000 tickets.
     */
    public static GeneratorSettings demo() {
        return new GeneratorSettings(DEFAULT_SEED, Instant.now().truncatedTo(ChronoUnit.DAYS), 2_000, 40, 12, 20_000);
    }

    /** The benchmark size: 1,000,000 customers, 2,000 events, 15 partner companies, 10,000,000 tickets. */
    public static GeneratorSettings large() {
        return new GeneratorSettings(DEFAULT_SEED, Instant.now().truncatedTo(ChronoUnit.DAYS), 1_000_000, 2_000, 15,
                10_000_000);
    }

    public GeneratorSettings withSeed(long seed) {
        return new GeneratorSettings(seed, now, customers, events, partnerCompanies, tickets);
    }

    public GeneratorSettings withNow(Instant now) {
        return new GeneratorSettings(seed, now, customers, events, partnerCompanies, tickets);
    }
}
