package org.stagedoor.booking.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.order.OrderRequest.MembershipLine;
import org.stagedoor.booking.order.OrderRequest.TicketLine;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceQuestion;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.pricing.Pricing;
import org.stagedoor.booking.relationship.Relationship;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * Confirms orders, plain or facilitated. A facilitated order needs a relationship that lets the
 * facilitator act for the owner (F-2) and two different customers, the facilitator an individual
 * (F-3). Eligibility is the owner's (F-7); the confirmation goes to the facilitator (F-7).
 *
 * Partner-company preferences are asked of the person confirming the order: the facilitator when
 * there is one, because they are the one present at checkout, answering and receiving the
 * confirmation; the owner's own preferences are never set by somebody else.
 */
@Service
public class OrderPlacement {

    private final CustomerRecords customers;

    private final Relationships relationships;

    private final Pricing pricing;

    private final PartnerPreferences preferences;

    private final CustomerOrderRepository orders;

    private final JdbcClient jdbc;

    private final VenueProperties venue;

    OrderPlacement(CustomerRecords customers, Relationships relationships, Pricing pricing,
            PartnerPreferences preferences, CustomerOrderRepository orders, JdbcClient jdbc, VenueProperties venue) {
        this.customers = customers;
        this.relationships = relationships;
        this.pricing = pricing;
        this.preferences = preferences;
        this.orders = orders;
        this.jdbc = jdbc;
        this.venue = venue;
    }

    /** One confirmed order with its lines, for the booking API; an unknown id is a {@link NotFoundException}. */
    public CustomerOrder order(long orderId) {
        return orders.findById(orderId).orElseThrow(() -> new NotFoundException("order", orderId));
    }

    @Transactional
    public PlacedOrder place(OrderRequest request) {
        Customer owner = customers.get(request.ownerId());
        Customer facilitator = null;
        Long relationshipId = null;
        if (request.facilitatorId() != null) {
            facilitator = customers.get(request.facilitatorId());
            relationshipId = facilitation(facilitator, owner).id();
        }
        if (request.tickets().isEmpty() && request.memberships().isEmpty() && request.donations().isEmpty()) {
            throw new InvalidBookingRequest("an order needs at least one ticket, membership or donation");
        }
        LocalDate today = LocalDate.now(venue.timeZone());
        checkLines(request);
        checkCapacity(request.tickets());
        checkEligibility(owner, request, today);

        Customer confirming = facilitator != null ? facilitator : owner;
        Set<Long> instances = request.tickets().stream().map(TicketLine::eventInstanceId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<Long, PreferenceState> answers = checkedAnswers(request, preferences.toAsk(confirming.id(), instances));

        CustomerOrder order = orders.save(new CustomerOrder(null, owner.id(),
                facilitator == null ? null : facilitator.id(), relationshipId, request.channel(), Instant.now(),
                request.tickets().stream()
                        .map(line -> Ticket.sold(line.eventInstanceId(), line.priceBandId(), line.price()))
                        .toList(),
                request.memberships().stream().map(line -> new Membership(null, line.membershipSchemeId(), owner.id(),
                        line.validFrom(), line.validTo(), line.price())).toList(),
                request.donations().stream().map(line -> new Donation(null, line.fund().trim(), line.amount()))
                        .toList()));
        answers.forEach((partnerId, state) -> preferences.record(confirming.id(), partnerId, state,
                request.channel().preferenceChannel(), null));
        return new PlacedOrder(order.id(), owner.id(), order.facilitatorId(), confirming.id(), confirming.displayName(),
                confirming.email());
    }

    /** Returns a sold ticket; it stays on the order, marked RETURNED with the time. */
    @Transactional
    public void returnTicket(long ticketId) {
        int changed = jdbc.sql("""
                update ticket set status = 'RETURNED', returned_at = now()
                 where id = :id and status = 'SOLD'
                """).param("id", ticketId).update();
        if (changed == 0) {
            boolean exists = jdbc.sql("select count(*) from ticket where id = :id").param("id", ticketId)
                    .query(Integer.class).single() > 0;
            if (!exists) {
                throw new NotFoundException("ticket", ticketId);
            }
            throw new InvalidBookingRequest("ticket " + ticketId + " has already been returned");
        }
    }

    private Relationship facilitation(Customer facilitator, Customer owner) {
        if (facilitator.id().equals(owner.id())) {
            throw new BookingRuleViolation("F-3",
                    "the facilitator and the owner of an order must be different customers");
        }
        if (!facilitator.isIndividual()) {
            throw new BookingRuleViolation("F-3", facilitator.displayName()
                    + " is an organisation; only an individual can facilitate an order");
        }
        return relationships.actingLink(facilitator.id(), owner.id())
                .orElseThrow(() -> new BookingRuleViolation("F-2", facilitator.displayName()
                        + " has no relationship that lets them act on behalf of " + owner.displayName()));
    }

    private static void checkLines(OrderRequest request) {
        for (TicketLine line : request.tickets()) {
            if (line.price() == null || line.price().signum() < 0) {
                throw new InvalidBookingRequest("a ticket price must be zero or more");
            }
        }
        for (MembershipLine line : request.memberships()) {
            if (line.validFrom() == null || line.validTo() == null || line.validTo().isBefore(line.validFrom())) {
                throw new InvalidBookingRequest("a membership needs a validity period that ends after it starts");
            }
            if (line.price() == null || line.price().signum() < 0) {
                throw new InvalidBookingRequest("a membership price must be zero or more");
            }
        }
        for (OrderRequest.DonationLine line : request.donations()) {
            if (line.fund() == null || line.fund().isBlank() || line.amount() == null || line.amount().signum() <= 0) {
                throw new InvalidBookingRequest("a donation needs a fund and an amount above zero");
            }
        }
    }

    /** Locks the performances in a fixed order, so concurrent checkouts cannot oversell or deadlock. */
    private void checkCapacity(List<TicketLine> tickets) {
        Map<Long, Integer> wanted = new TreeMap<>();
        tickets.forEach(line -> wanted.merge(line.eventInstanceId(), 1, Integer::sum));
        for (Map.Entry<Long, Integer> entry : wanted.entrySet()) {
            Integer capacity = jdbc.sql("select capacity from event_instance where id = :id for update")
                    .param("id", entry.getKey()).query(Integer.class).optional()
                    .orElseThrow(() -> new NotFoundException("performance", entry.getKey()));
            int sold = jdbc.sql("select count(*) from ticket where event_instance_id = :id and status = 'SOLD'")
                    .param("id", entry.getKey()).query(Integer.class).single();
            if (sold + entry.getValue() > capacity) {
                throw new InvalidBookingRequest("performance " + entry.getKey() + " has " + (capacity - sold)
                        + " seats left, " + entry.getValue() + " asked for");
            }
        }
    }

    /** F-7: membership-only price bands are judged on the owner, also when someone else books. */
    private void checkEligibility(Customer owner, OrderRequest request, LocalDate today) {
        Set<Long> boughtNow = new HashSet<>();
        for (MembershipLine line : request.memberships()) {
            pricing.scheme(line.membershipSchemeId());
            if (!line.validFrom().isAfter(today) && !line.validTo().isBefore(today)) {
                boughtNow.add(line.membershipSchemeId());
            }
        }
        Map<Long, PriceBand> bands = new HashMap<>();
        for (TicketLine line : request.tickets()) {
            PriceBand band = bands.computeIfAbsent(line.priceBandId(), pricing::band);
            if (band.requiresMembership() && !boughtNow.contains(band.membershipSchemeId())
                    && !holdsMembership(owner.id(), band.membershipSchemeId(), today)) {
                throw new BookingRuleViolation("F-7", owner.displayName() + ", the owner of the order, holds no valid "
                        + pricing.scheme(band.membershipSchemeId()).name() + " membership for price band "
                        + band.name());
            }
        }
    }

    private boolean holdsMembership(long customerId, long schemeId, LocalDate day) {
        return jdbc.sql("""
                select exists (select 1 from membership
                                where member_id = :customer and membership_scheme_id = :scheme
                                  and valid_from <= :day and valid_to >= :day)
                """)
                .param("customer", customerId)
                .param("scheme", schemeId)
                .param("day", day)
                .query(Boolean.class).single();
    }

    /**
     * P-4: every question of this checkout needs an answer (online YES or NO; at the box office also
     * NOT_ASKED), and a company that is not asked about cannot be answered here.
     */
    private static Map<Long, PreferenceState> checkedAnswers(OrderRequest request, List<PreferenceQuestion> questions) {
        Map<Long, PreferenceState> answers = new TreeMap<>();
        List<String> unanswered = new ArrayList<>();
        for (PreferenceQuestion question : questions) {
            PreferenceState answer = request.preferenceAnswers().get(question.partnerCompanyId());
            if (answer == null) {
                unanswered.add(question.partnerCompanyName());
            }
            else if (answer == PreferenceState.NOT_ASKED && request.channel() == OrderChannel.ONLINE) {
                throw new BookingRuleViolation("P-4", "online the answer for " + question.partnerCompanyName()
                        + " is yes or no");
            }
            else {
                answers.put(question.partnerCompanyId(), answer);
            }
        }
        if (!unanswered.isEmpty()) {
            throw new BookingRuleViolation("P-4", "the customer must be asked about " + String.join(", ", unanswered)
                    + " before the order is confirmed");
        }
        Set<Long> extra = new HashSet<>(request.preferenceAnswers().keySet());
        extra.removeAll(answers.keySet());
        if (!extra.isEmpty()) {
            throw new BookingRuleViolation("P-4", (extra.size() == 1 ? "one answer is" : extra.size() + " answers are")
                    + " for a partner company not asked about at this checkout: the preference is already set or the"
                    + " company is not on these events; change it on the account page instead");
        }
        return answers;
    }
}
