package org.stagedoor.batch.customerlist;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.booking.preference.PreferenceState;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer list's definition in the sentences of a file's About sheet (issue 15 item 6). */
class ListInWordsTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 11);

    private static final Map<Long, String> COMPANIES = Map.of(7L, "Southern Cross Theatre");

    private static final Map<Long, String> EVENTS = Map.of(12L, "Hamlet", 13L, "Macbeth", 14L, "Othello");

    @Test
    void wordsAVenueListWithNamedCompaniesEventsAmountsAndPeriods() {
        CustomerListDefinition list = new CustomerListDefinition("Friends", List.of(
                new Segment.Purchasing(null, GroupBy.FACILITATOR, EnumSet.of(PurchaseKind.DONATION,
                        PurchaseKind.MEMBERSHIP), new BigDecimal("1250.5"), null, null),
                new Segment.Booking(SetOperator.OR, GroupBy.OWNER, PartnerRef.of(7), List.of(12L, 13L, 14L),
                        PeriodSpec.between(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2)), 3),
                new Segment.PartnerPreference(SetOperator.EXCEPT, PartnerRef.of(7), EnumSet.of(PreferenceState.NO)),
                new Segment.Purchasing(SetOperator.AND, GroupBy.OWNER, EnumSet.of(PurchaseKind.TICKET),
                        BigDecimal.ZERO, PeriodSpec.lastDays(30), PartnerRef.of(7))),
                List.of("id"));

        assertThat(new ListInWords(null, COMPANIES::get, EVENTS::get, TODAY).lines(list)).containsExactly(
                "1. Customers who spent at least £1,250.50 on memberships or donations in orders confirmed at any"
                        + " time, counting the person who made the order",
                "2. or customers with at least 3 tickets (not returned) for performances of Hamlet, Macbeth or"
                        + " Othello on Monday 2 November 2026, counting the person the tickets are for",
                "3. but not customers whose contact preference for Southern Cross Theatre is no",
                "4. and also customers who bought tickets for events of Southern Cross Theatre in orders confirmed in"
                        + " the last 30 days (12 Oct – 10 Nov 2026), counting the person the order is for",
                "Each line is taken with the result of the lines above it.");
    }

    @Test
    void wordsAListOfOneSegmentForTheCompanyItRunsFor() {
        CustomerListDefinition list = new CustomerListDefinition("No email", List.of(
                new Segment.HasEmail(null, false)), List.of("id"));

        assertThat(new ListInWords("Northern Lights", COMPANIES::get, EVENTS::get, TODAY).lines(list))
                .containsExactly("1. Customers without an email address",
                        "Whatever the lines say, only customers who had said yes to hearing from Northern Lights when"
                                + " the list was made are on it.");
    }
}
