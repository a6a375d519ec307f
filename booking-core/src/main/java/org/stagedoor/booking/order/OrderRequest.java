package org.stagedoor.booking.order;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.stagedoor.booking.preference.PreferenceState;

/**
 * A basket to confirm. {@code facilitatorId} is null for a plain order. {@code preferenceAnswers}
 * answers the partner-company questions of this checkout (P-4), by partner company id.
 */
public record OrderRequest(long ownerId, Long facilitatorId, OrderChannel channel, List<TicketLine> tickets,
        List<MembershipLine> memberships, List<DonationLine> donations, Map<Long, PreferenceState> preferenceAnswers) {

    public OrderRequest {
        tickets = tickets == null ? List.of() : List.copyOf(tickets);
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
        donations = donations == null ? List.of() : List.copyOf(donations);
        preferenceAnswers = preferenceAnswers == null ? Map.of() : Map.copyOf(preferenceAnswers);
    }

    public static OrderRequest tickets(long ownerId, Long facilitatorId, OrderChannel channel, List<TicketLine> tickets,
            Map<Long, PreferenceState> preferenceAnswers) {
        return new OrderRequest(ownerId, facilitatorId, channel, tickets, List.of(), List.of(), preferenceAnswers);
    }

    public record TicketLine(long eventInstanceId, long priceBandId, BigDecimal price) {
    }

    public record MembershipLine(long membershipSchemeId, LocalDate validFrom, LocalDate validTo, BigDecimal price) {
    }

    public record DonationLine(String fund, BigDecimal amount) {
    }
}
