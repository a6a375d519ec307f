package org.stagedoor.bookingapi;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.order.CustomerOrder;
import org.stagedoor.booking.order.Donation;
import org.stagedoor.booking.order.Membership;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.order.OrderHistory;
import org.stagedoor.booking.order.OrderHistoryEntry;
import org.stagedoor.booking.order.OrderPlacement;
import org.stagedoor.booking.order.OrderRequest;
import org.stagedoor.booking.order.PlacedOrder;
import org.stagedoor.booking.order.Ticket;
import org.stagedoor.booking.order.TicketStatus;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.web.ApiController;

/**
 * Orders from the venue's sales channels, plain or facilitated, through the booking core's {@link OrderPlacement}:
 * the facilitator needs a relationship that lets them act for the owner (F-2) and is another customer, a person
 * (F-3); the owner's eligibility applies, the confirmation goes to the facilitator (F-7); the checkout's
 * partner-company questions are answered with the order (P-4). Tickets are returned one at a time, and a customer's
 * history shows facilitated orders on both sides (F-8).
 */
@ApiController("/api/booking")
@Tag(name = "Booking: orders", description = "Place orders, plain or facilitated (F-2, F-3, F-7), return tickets,"
        + " and a customer's order history (F-8)")
class OrderApiController extends BookingEndpoints {

    private final OrderPlacement placement;

    private final OrderHistory history;

    private final CustomerRecords customers;

    OrderApiController(OrderPlacement placement, OrderHistory history, CustomerRecords customers) {
        this.placement = placement;
        this.history = history;
        this.customers = customers;
    }

    /**
     * A basket to confirm.
     *
     * @param ownerId the customer the order is for: who attends, or owns the membership
     * @param facilitatorId the customer making it for the owner; left out for a plain order
     * @param channel {@code BOX_OFFICE} or {@code ONLINE}: online, the checkout's questions are answered yes or no
     * @param preferenceAnswers one answer for each question of the checkout (`GET /api/booking/checkout/questions`)
     */
    record OrderBody(@NotNull(message = "is required: the customer the order is for") Long ownerId,
            Long facilitatorId,
            @NotNull(message = "is required: say whether the order is made at the box office or online")
            OrderChannel channel,
            List<TicketBody> tickets, List<MembershipBody> memberships, List<DonationBody> donations,
            List<AnswerBody> preferenceAnswers) {
    }

    /** A ticket for a performance, in a price band; a price of zero is a complimentary ticket. */
    record TicketBody(Long performanceId, Long priceBandId, BigDecimal price) {
    }

    /** A membership bought for the owner. */
    record MembershipBody(Long membershipSchemeId, LocalDate validFrom, LocalDate validTo, BigDecimal price) {
    }

    record DonationBody(String fund, BigDecimal amount) {
    }

    /** Whom the order's confirmation goes to: the facilitator when there is one, with their details (F-7). */
    record Confirmation(long customerId, String name, String email) {
    }

    record Placed(long orderId, long ownerId, Long facilitatorId, Confirmation confirmation) {
    }

    /** An order with its lines; a returned ticket stays on it, with when it was returned. */
    record OrderView(long id, long ownerId, Long facilitatorId, Long relationshipId, OrderChannel channel,
            Instant confirmedAt, List<TicketView> tickets, List<MembershipView> memberships,
            List<DonationView> donations) {
    }

    record TicketView(long id, long performanceId, long priceBandId, BigDecimal price, TicketStatus status,
            Instant returnedAt) {
    }

    record MembershipView(long id, long membershipSchemeId, long memberId, LocalDate validFrom, LocalDate validTo,
            BigDecimal price) {
    }

    record DonationView(long id, String fund, BigDecimal amount) {
    }

    @Operation(summary = "Place an order, plain or facilitated (F-2, F-3, F-7, P-4)",
            description = "Answers 201 with the order and whom its confirmation goes to. Refused with 400 and the"
                    + " reason in words: no relationship that lets the facilitator act for the owner, the facilitator"
                    + " being the owner or an organisation, a membership-only price band the owner does not hold, a"
                    + " question of the checkout left unanswered, a performance without enough seats.")
    @PostMapping("/orders")
    ResponseEntity<Placed> place(@Valid @RequestBody OrderBody body) {
        // Each line of the basket, once the order's own fields are there.
        List<FieldError> errors = new ArrayList<>();
        List<OrderRequest.TicketLine> tickets = new ArrayList<>();
        List<TicketBody> ticketBodies = body.tickets() == null ? List.of() : body.tickets();
        for (int i = 0; i < ticketBodies.size(); i++) {
            TicketBody line = ticketBodies.get(i);
            if (line == null || line.performanceId() == null || line.priceBandId() == null || line.price() == null) {
                errors.add(new FieldError("tickets[" + i + "]", "needs a performance, a price band and a price"));
            }
            else {
                tickets.add(new OrderRequest.TicketLine(line.performanceId(), line.priceBandId(), line.price()));
            }
        }
        List<OrderRequest.MembershipLine> memberships = new ArrayList<>();
        List<MembershipBody> membershipBodies = body.memberships() == null ? List.of() : body.memberships();
        for (int i = 0; i < membershipBodies.size(); i++) {
            MembershipBody line = membershipBodies.get(i);
            if (line == null || line.membershipSchemeId() == null) {
                errors.add(new FieldError("memberships[" + i + "]", "needs a membership scheme"));
            }
            else {
                memberships.add(new OrderRequest.MembershipLine(line.membershipSchemeId(), line.validFrom(),
                        line.validTo(), line.price()));
            }
        }
        List<OrderRequest.DonationLine> donations = new ArrayList<>();
        for (DonationBody line : body.donations() == null ? List.<DonationBody>of() : body.donations()) {
            donations.add(line == null ? new OrderRequest.DonationLine(null, null)
                    : new OrderRequest.DonationLine(line.fund(), line.amount()));
        }
        Map<Long, PreferenceState> answers = answers("preferenceAnswers", body.preferenceAnswers(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        PlacedOrder placed = placement.place(new OrderRequest(body.ownerId(), body.facilitatorId(), body.channel(),
                tickets, memberships, donations, answers));
        return ResponseEntity.created(URI.create("/api/booking/orders/" + placed.orderId()))
                .body(new Placed(placed.orderId(), placed.ownerId(), placed.facilitatorId(), new Confirmation(
                        placed.confirmationRecipientId(), placed.confirmationName(), placed.confirmationEmail())));
    }

    @Operation(summary = "One order with its tickets, memberships and donations")
    @GetMapping("/orders/{id}")
    OrderView order(@PathVariable long id) {
        CustomerOrder order = placement.order(id);
        return new OrderView(order.id(), order.ownerId(), order.facilitatorId(), order.relationshipId(),
                order.channel(), order.confirmedAt(), order.tickets().stream().map(OrderApiController::view).toList(),
                order.memberships().stream().map(OrderApiController::view).toList(),
                order.donations().stream().map(OrderApiController::view).toList());
    }

    @Operation(summary = "Return a sold ticket",
            description = "The ticket stays on its order, returned, and counts in no total. Answers 204; a ticket"
                    + " returned already is refused with 400.")
    @PostMapping("/tickets/{id}/return")
    ResponseEntity<Void> returnTicket(@PathVariable long id) {
        placement.returnTicket(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A customer's order history, newest first (F-8)",
            description = "Orders they own and orders they made for others. A facilitated order reads \"Facilitated"
                    + " by …\" in the owner's history and \"On behalf of …\" in the facilitator's (`facilitation`);"
                    + " returned tickets count in neither `tickets` nor `total`.")
    @GetMapping("/customers/{id}/orders")
    List<OrderHistoryEntry> historyOf(@PathVariable long id) {
        customers.get(id);
        return history.of(id);
    }

    private static TicketView view(Ticket ticket) {
        return new TicketView(ticket.id(), ticket.eventInstanceId(), ticket.priceBandId(), ticket.price(),
                ticket.status(), ticket.returnedAt());
    }

    private static MembershipView view(Membership membership) {
        return new MembershipView(membership.id(), membership.membershipSchemeId(), membership.memberId(),
                membership.validFrom(), membership.validTo(), membership.price());
    }

    private static DonationView view(Donation donation) {
        return new DonationView(donation.id(), donation.fund(), donation.amount());
    }
}
