package org.stagedoor.batch.run;

import java.time.Instant;

/**
 * Which runs to list: any field null places no condition. {@code partnerCompanyId} is a company's runs,
 * {@code venueOnly} the venue's own (no company); {@code requestedBy} matches part of who asked, in any case;
 * {@code from} is inclusive and {@code until} exclusive, both on when the run was asked for.
 */
public record RunQuery(Long partnerCompanyId, boolean venueOnly, String reportId, RunStatus status, String requestedBy,
        Instant from, Instant until) {

    /** Every run of one company (null: of everyone). */
    public static RunQuery of(Long partnerCompanyId) {
        return new RunQuery(partnerCompanyId, false, null, null, null, null, null);
    }
}
