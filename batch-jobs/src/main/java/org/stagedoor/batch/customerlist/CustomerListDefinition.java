package org.stagedoor.batch.customerlist;

import java.util.List;

/**
 * A customer list as data: which customers, built from segments, and which columns to output.
 * Stored and exchanged as JSON, read by {@link CustomerListCompiler#parse(String)}:
 *
 * <pre>{@code
 * { "name": "Opted-in with email",
 *   "segments": [
 *     {"type": "has-email"},
 *     {"operator": "AND", "type": "partner-preference", "partnerCompany": "run", "states": ["YES"]},
 *     {"operator": "EXCEPT", "type": "booking", "groupBy": "OWNER", "partnerCompany": "run",
 *      "eventIds": [12], "period": "previous-month", "minTickets": 2},
 *     {"operator": "OR", "type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["MEMBERSHIP", "DONATION", "TICKET"],
 *      "minAmount": 50.00, "period": "last-90-days", "partnerCompany": "run"}
 *   ],
 *   "columns": ["id", "first_name", "last_name", "email"] }
 * }</pre>
 *
 * <ul>
 * <li>Segments combine left to right, each with the result so far: {@code ((s1 op2 s2) op3 s3) …},
 * where AND keeps customers in both, OR in either, EXCEPT those in the result so far but not in the
 * segment. The first segment has no operator, every later one must have one; 1 to 50 segments.</li>
 * <li>{@code partnerCompany} is a partner company's id or {@code "run"}: the partner company the list is
 * run for. A run for a partner company may name no other partner company, and its booking and
 * purchasing segments must name it, so they look at its events only; the run always keeps only
 * customers whose preference for it is YES at the moment of the run, whatever the segments
 * say. A run for the venue itself cannot use {@code "run"}; there a booking or purchasing segment
 * without a partner company looks at every event.</li>
 * <li>{@code period} takes the texts of {@link org.stagedoor.batch.period.PeriodSpec}, resolved on the
 * day of the run in the venue's time zone; without one, a segment looks at all time.</li>
 * <li>{@code groupBy} (OWNER or FACILITATOR) is required on booking and purchasing segments (F-10);
 * see {@link GroupBy}.</li>
 * <li>Numbers are bounded: {@code minTickets} 1 to 100,000; {@code minAmount} 0 to less than 1,000,000,000, with at
 * most 2 decimal places; ids from 1, at most 1,000 {@code eventIds} in a segment.</li>
 * <li>{@code columns} are names of {@link ListColumn}; rows come ordered by customer id.</li>
 * </ul>
 * The segment types and their properties are described on {@link Segment}'s records. Unknown
 * properties are refused, so a misspelt {@code minTicket} cannot silently select more customers.
 *
 * @param name the list's name, shown to its users and in file names
 * @param segments the segments in order
 * @param columns the output columns, by {@link ListColumn} name, in order
 */
public record CustomerListDefinition(String name, List<Segment> segments, List<String> columns) {

    public CustomerListDefinition {
        segments = segments == null ? List.of() : List.copyOf(segments);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** Whether a segment names "the partner company the list runs for": then it runs for partner companies only. */
    public boolean namesTheCompanyItRunsFor() {
        return segments.stream().map(DefinitionCheck::partnerOf)
                .anyMatch(partner -> partner != null && partner.isRun());
    }
}
