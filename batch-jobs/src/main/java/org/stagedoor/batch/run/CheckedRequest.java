package org.stagedoor.batch.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run request that passed its checks ({@link RunRequestCheck}): what a run of it records. Checking and recording
 * are two steps so that a caller can check outside the transaction that records: a refusal then leaves that
 * transaction (a schedule's fire, going on with its other partner companies) usable.
 *
 * @param resolved the parameters as the run stores them (periods as dates, the columns the agreement allows...)
 * @param cutoff the instant they were resolved at, which the run reads its data as of
 */
public record CheckedRequest(RunRequest request, Map<String, String> resolved, Instant cutoff) {

    public CheckedRequest {
        // In the order resolved, as the run stores them.
        resolved = Collections.unmodifiableMap(new LinkedHashMap<>(resolved));
    }
}
