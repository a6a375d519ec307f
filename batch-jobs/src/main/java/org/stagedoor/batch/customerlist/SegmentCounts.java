package org.stagedoor.batch.customerlist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement counting a definition's segments, built from the same fragments as its run's statement: one row
 * with, for each segment {@code i} from 0, {@code segment_<i>} (the segment's own customers) and {@code total_<i>}
 * (the customers selected by the segments up to it, combined as the run combines them). The last total is the
 * list's customers before a partner run's consent rules. For a run for a partner company, the row also has
 * {@code listed} and {@code without_email}: the run's own statement, on the same segment expressions, counted.
 *
 * @param sql the statement, with named parameters
 * @param parameters its parameters
 * @param segments how many segments it counts
 */
public record SegmentCounts(String sql, Map<String, Object> parameters, int segments) {

    public SegmentCounts {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
