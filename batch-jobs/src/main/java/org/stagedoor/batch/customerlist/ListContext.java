package org.stagedoor.batch.customerlist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * For whom and when a list runs: periods are resolved on {@code today} in the venue's {@code zone};
 * a run for a partner company is bound to it.
 *
 * @param runPartnerCompanyId the partner company the list runs for, or null for a run for the venue
 * @param today the day of the run in the venue's time zone
 * @param zone the venue's time zone
 * @param consentAt the instant whose preferences count (the run's cut-off); null: as the statement runs
 * @param consentNotBefore in a partner run, a YES given before this instant no longer counts (the consent-age
 *                         setting); null: any YES counts
 */
public record ListContext(Long runPartnerCompanyId, LocalDate today, ZoneId zone, Instant consentAt,
        Instant consentNotBefore) {

    /** A context that judges consent by the preferences as they are when the statement runs. */
    public ListContext(Long runPartnerCompanyId, LocalDate today, ZoneId zone) {
        this(runPartnerCompanyId, today, zone, null, null);
    }

    public ListContext(Long runPartnerCompanyId, LocalDate today, ZoneId zone, Instant consentAt) {
        this(runPartnerCompanyId, today, zone, consentAt, null);
    }

    public ListContext {
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(zone, "zone");
        if (runPartnerCompanyId != null && runPartnerCompanyId < 1) {
            throw new IllegalArgumentException("a partner company id is positive, not " + runPartnerCompanyId);
        }
    }

    public static ListContext venue(LocalDate today, ZoneId zone) {
        return new ListContext(null, today, zone);
    }

    public static ListContext partner(long partnerCompanyId, LocalDate today, ZoneId zone) {
        return new ListContext(partnerCompanyId, today, zone);
    }

    public boolean partnerRun() {
        return runPartnerCompanyId != null;
    }
}
