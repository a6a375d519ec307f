package org.stagedoor.batch.customerlist;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.booking.preference.PreferenceState;

/**
 * One step of a customer list: a set of customer ids, combined with the result of the segments
 * before it by its {@link #operator()}. The first segment has no operator; every later one has one.
 * In JSON a segment is an object whose {@code type} is {@code has-email}, {@code partner-preference},
 * {@code booking} or {@code purchasing}; see {@link CustomerListDefinition} for the format.
 */
public sealed interface Segment permits Segment.HasEmail, Segment.PartnerPreference, Segment.Booking,
        Segment.Purchasing {

    /** How this segment combines with those before it; null on the first segment only. */
    SetOperator operator();

    /** The {@code type} of this segment in JSON. */
    String type();

    /**
     * Customers with an email address ({@code value} true), or without one ({@code value} false).
     * JSON: {@code {"type": "has-email"}}, optionally {@code "value": false}.
     */
    record HasEmail(SetOperator operator, boolean value) implements Segment {

        @Override
        public String type() {
            return "has-email";
        }
    }

    /**
     * Customers whose current preference for a partner company is one of {@code states}. No record
     * counts as NOT_ASKED (P-3), so NOT_ASKED also selects every customer never asked.
     * JSON: {@code {"type": "partner-preference", "partnerCompany": "run", "states": ["YES"]}}.
     */
    record PartnerPreference(SetOperator operator, PartnerRef partnerCompany, Set<PreferenceState> states)
            implements Segment {

        public PartnerPreference {
            states = states == null || states.isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(states));
        }

        @Override
        public String type() {
            return "partner-preference";
        }
    }

    /**
     * Customers credited (by {@code groupBy}, F-10) with at least {@code minTickets} SOLD tickets for
     * performances starting in {@code period} of events that are assigned to {@code partnerCompany}
     * and, when {@code eventIds} is given, are among them. A null partner company, event list or
     * period does not restrict; an empty event list is refused rather than read as "any event".
     * Returned tickets never count. JSON: {@code {"type": "booking", "groupBy": "OWNER",
     * "partnerCompany": 7, "eventIds": [12, 13], "period": "previous-month", "minTickets": 2}};
     * {@code minTickets} defaults to 1.
     */
    record Booking(SetOperator operator, GroupBy groupBy, PartnerRef partnerCompany, List<Long> eventIds,
            PeriodSpec period, int minTickets) implements Segment {

        public Booking {
            eventIds = eventIds == null ? null : List.copyOf(eventIds);
        }

        @Override
        public String type() {
            return "booking";
        }
    }

    /**
     * Customers credited (by {@code groupBy}, F-10) with orders confirmed in {@code period} whose
     * lines of the chosen {@code kinds} add up to at least {@code minAmount}: membership prices,
     * donation amounts, prices of SOLD tickets. With a {@code partnerCompany}, only tickets for that
     * company's events count; memberships and donations belong to no event and always count. A
     * customer with no such line at all is not selected, whatever the amount. JSON:
     * {@code {"type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["DONATION"], "minAmount": 50.00,
     * "period": "last-90-days", "partnerCompany": "run"}}; {@code minAmount} defaults to 0.
     */
    record Purchasing(SetOperator operator, GroupBy groupBy, Set<PurchaseKind> kinds, BigDecimal minAmount,
            PeriodSpec period, PartnerRef partnerCompany) implements Segment {

        public Purchasing {
            kinds = kinds == null || kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        }

        @Override
        public String type() {
            return "purchasing";
        }
    }
}
