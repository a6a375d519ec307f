package org.stagedoor.bookingapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.preference.AccountPreference;
import org.stagedoor.booking.preference.PartnerPreference;
import org.stagedoor.booking.preference.PartnerPreferences;

import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceQuestion;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.booking.venue.Venue;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.ApiController;

/**
 * Partner-company contact preferences for the venue's sales channels, through the booking core's
 * {@link PartnerPreferences}: the checkout's questions for a basket (P-4, P-5), a customer's preferences as their
 * account page and the box office show them (P-6), and changing one, kept with when and through which channel
 * (P-8). The answers to a checkout's questions are recorded with its order (`POST /api/booking/orders`); the
 * questions a customer has left, and their answers outside an order, here.
 */
@ApiController("/api/booking")
@Tag(name = "Booking: partner preferences", description = "The checkout's partner-company questions (P-4, P-5),"
        + " a customer's preferences on the account page and at the box office (P-6), changing them (P-8)")
class PreferenceApiController extends BookingEndpoints {

    private final PartnerPreferences preferences;

    private final CustomerRecords customers;

    private final Events events;

    private final Venue venue;

    PreferenceApiController(PartnerPreferences preferences, CustomerRecords customers, Events events, Venue venue) {
        this.preferences = preferences;
        this.customers = customers;
        this.events = events;
        this.venue = venue;
    }

    /**
     * The partner-company questions of a checkout.
     *
     * @param askedCustomerId who is asked: the facilitator when there is one, since they are the one at the checkout
     * @param introduction the venue's text shown above the questions online (P-1)
     * @param answers the answers this channel takes: online yes or no; at the box office "not asked" too
     */
    record Questions(long askedCustomerId, String askedCustomerName, String introduction,
            List<PreferenceState> answers, List<PreferenceQuestion> questions) {
    }

    /**
     * A customer's preference for one partner company, as a list of preferences shows it.
     *
     * @param state {@code YES}, {@code NO} or {@code NOT_ASKED} (no record counts as not asked, P-3)
     * @param stateInWords the state as people read it
     * @param setAt when it was set; null when it never was
     * @param channel through which channel it was set (P-8); null when it never was
     * @param bookedFor whether the customer has booked for the company's events
     */
    record PreferenceView(long partnerCompanyId, String partnerCompanyName, PreferenceState state,
            String stateInWords, Instant setAt, PreferenceChannel channel, String channelInWords, boolean bookedFor) {

        static PreferenceView of(PartnerPreference preference, boolean bookedFor) {
            return new PreferenceView(preference.partnerCompanyId(), preference.partnerCompanyName(),
                    preference.state(), preference.state().words(), preference.setAt(), preference.channel(),
                    preference.channel() == null ? null : preference.channel().words(), bookedFor);
        }
    }

    /**
     * A change of one preference.
     *
     * @param state {@code YES} or {@code NO}; at the box office also {@code NOT_ASKED}
     * @param channel {@code ACCOUNT_PAGE} (the customer, online), {@code BOX_OFFICE} (staff) or
     *         {@code ONLINE_CHECKOUT}
     */
    record PreferenceBody(
            @NotNull(message = "is required: yes, no, or (at the box office) not asked") PreferenceState state,
            @NotNull(message = "is required: the account page, the box office or the online checkout")
            SalesChannel channel) {
    }

    /** The channels a sales channel records a preference through; an administrator's or an import's are not. */
    enum SalesChannel {

        ACCOUNT_PAGE(PreferenceChannel.ACCOUNT_PAGE), BOX_OFFICE(PreferenceChannel.BOX_OFFICE),
        ONLINE_CHECKOUT(PreferenceChannel.ONLINE_CHECKOUT);

        private final PreferenceChannel channel;

        SalesChannel(PreferenceChannel channel) {
            this.channel = channel;
        }
    }

    /**
     * Answers to partner-company questions outside an order.
     *
     * @param channel {@code BOX_OFFICE} (staff, in a conversation) or {@code ACCOUNT_PAGE} (the customer, online)
     */
    record AnswersBody(
            @NotNull(message = "is required: the box office, or the customer online on their account page")
            AnswerChannel channel,
            @NotEmpty(message = "is required: one answer for each question answered") List<AnswerBody> answers) {
    }

    /** Through which channel answers outside an order are given; an online checkout answers with its order. */
    enum AnswerChannel {

        BOX_OFFICE(PreferenceChannel.BOX_OFFICE), ACCOUNT_PAGE(PreferenceChannel.ACCOUNT_PAGE);

        private final PreferenceChannel channel;

        AnswerChannel(PreferenceChannel channel) {
            this.channel = channel;
        }
    }

    /** One change of a preference, oldest first (P-8). */
    record ChangeView(long partnerCompanyId, PreferenceState state, PreferenceState previousState, Instant setAt,
            PreferenceChannel channel, String channelInWords, String recordedBy) {
    }

    /** Which list of preferences: the customer's account page, or the box office's. */
    enum View {
        ACCOUNT, BOX_OFFICE
    }

    @Operation(summary = "The partner-company questions of a checkout (P-4, P-5)",
            description = "For each partner company that collects preferences and is on an event of the basket's"
                    + " performances, asked when the preference of the customer at the checkout (the facilitator"
                    + " when there is one) is not set yet. A company added to an event after a booking is asked"
                    + " about at the next booking. Answer them with the order.")
    @GetMapping("/checkout/questions")
    Questions questions(@RequestParam Long ownerId, @RequestParam(required = false) Long facilitatorId,
            @RequestParam OrderChannel channel,
            @Parameter(description = "the basket's performances") @RequestParam(name = "performanceId",
                    required = false) List<Long> performanceIds) {
        Customer asked = customers.get(facilitatorId != null ? facilitatorId : ownerId);
        customers.get(ownerId);
        LinkedHashSet<Long> performances = new LinkedHashSet<>(performanceIds == null ? List.of() : performanceIds);
        performances.forEach(events::instance);
        List<PreferenceState> answers = channel == OrderChannel.ONLINE
                ? List.of(PreferenceState.YES, PreferenceState.NO)
                : List.of(PreferenceState.YES, PreferenceState.NO, PreferenceState.NOT_ASKED);
        return new Questions(asked.id(), asked.displayName(), venue.settings().partnerPreferenceGroupText(), answers,
                preferences.toAsk(asked.id(), performances));
    }

    @Operation(summary = "A customer's partner preferences (P-6)",
            description = "`view=ACCOUNT`: as their account page shows them, every partner company they have booked"
                    + " for or hold a preference for. `view=BOX_OFFICE`: every partner company that collects"
                    + " preferences, booked for or not.")
    @GetMapping("/customers/{id}/preferences")
    List<PreferenceView> preferencesOf(@PathVariable long id, @RequestParam(defaultValue = "ACCOUNT") View view) {
        customers.get(id);
        List<AccountPreference> lines = view == View.ACCOUNT ? preferences.accountView(id)
                : preferences.boxOfficeView(id);
        return lines.stream().map(line -> PreferenceView.of(line.preference(), line.bookedFor())).toList();
    }

    @Operation(summary = "Change a customer's preference for a partner company (P-6, P-8)",
            description = "Kept with when and through which channel it was made. On the account page the customer"
                    + " answers yes or no for a company listed there; box office staff may set any company that"
                    + " collects preferences, \"not asked\" too.")
    @PutMapping("/customers/{id}/preferences/{partnerCompanyId}")
    PreferenceView change(@PathVariable long id, @PathVariable long partnerCompanyId,
            @Valid @RequestBody PreferenceBody body,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser caller) {
        customers.get(id);
        preferences.change(id, partnerCompanyId, body.state(), body.channel().channel, caller.email());
        return views(id, Set.of(partnerCompanyId)).get(0);
    }

    @Operation(summary = "The partner-company questions a customer has not answered yet (P-4, P-5)",
            description = "Outside a checkout: for each partner company that collects preferences and is on an event"
                    + " the customer booked for (as at checkout, the one who made the booking), when their preference"
                    + " is not set yet; a company added to an event after the booking is asked about too. Ask them"
                    + " at the box office or online and record the answers with"
                    + " `POST /customers/{id}/preferences/answers`.")
    @GetMapping("/customers/{id}/preferences/questions")
    List<PreferenceQuestion> openQuestions(@PathVariable long id) {
        return preferences.openQuestions(id);
    }

    @Operation(summary = "Record a customer's answers to partner-company questions outside an order (P-4, P-5, P-8)",
            description = "A box-office conversation (`BOX_OFFICE`: yes, no or \"not asked\", for any company that"
                    + " collects preferences) or the customer online (`ACCOUNT_PAGE`: yes or no, for a company on their"
                    + " account page). Each answer is kept with when and through which channel it was given. A company"
                    + " the customer has answered about already is refused: a change of mind is"
                    + " `PUT /customers/{id}/preferences/{partnerCompanyId}`. All the answers are recorded or none."
                    + " Answers 200 with the preferences answered.")
    @PostMapping("/customers/{id}/preferences/answers")
    List<PreferenceView> answer(@PathVariable long id, @Valid @RequestBody AnswersBody body,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser caller) {
        List<FieldError> errors = new ArrayList<>();
        Map<Long, PreferenceState> answers = answers("answers", body.answers(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        customers.get(id);
        preferences.answer(id, answers, body.channel().channel, caller.email());
        return views(id, answers.keySet());
    }

    /** The customer's current preferences for these companies, as the box office shows them, by company name. */
    private List<PreferenceView> views(long customerId, Set<Long> partnerCompanyIds) {
        return preferences.boxOfficeView(customerId).stream()
                .filter(line -> partnerCompanyIds.contains(line.preference().partnerCompanyId()))
                .map(line -> PreferenceView.of(line.preference(), line.bookedFor())).toList();
    }

    @Operation(summary = "Every change of a customer's preferences, oldest first (P-8)")
    @GetMapping("/customers/{id}/preferences/history")
    List<ChangeView> history(@PathVariable long id) {
        customers.get(id);
        return preferences.history(id).stream().map(change -> new ChangeView(change.partnerCompanyId(),
                change.state(), change.previousState(), change.setAt(), change.channel(), change.channel().words(),
                change.recordedBy())).toList();
    }
}
