package org.stagedoor.booking.order;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.erasure.CustomerErasure;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderRequest.DonationLine;
import org.stagedoor.booking.order.OrderRequest.MembershipLine;
import org.stagedoor.booking.order.OrderRequest.TicketLine;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.booking.pricing.MembershipScheme;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.pricing.Pricing;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order summary that customer lists' booking and purchasing segments read (V17, issue 14 item 3, R-2, F-10): kept
 * by the store in the same transactions as orders, returns and deletions, equal at every step to the same sums taken
 * from the base tables, and filled for rows that existed before it; so are each customer's purchase totals (V31) and
 * each partner company's customers' ticket totals (V37).
 */
@SpringBootTest
class OrderSummaryIntegrationTests extends StoreIntegrationTest {

    @Autowired
    CustomerErasure erasure;

    @Autowired
    PartnerPreferences preferences;

    @Autowired
    Pricing pricing;

    @Autowired
    Relationships relationships;

    @Autowired
    OrderPlacement placement;

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    TransactionTemplate transactions;

    PartnerCompany northern;

    Customer parent;

    Customer child;

    EventInstance hamlet;

    EventInstance macbeth;

    PriceBand band;

    MembershipScheme friends;

    /** Hamlet is Northern Lights' event, Macbeth nobody's; the parent may book for the child. */
    @BeforeEach
    void aParentAChildAndTwoPerformances() {
        northern = fixtures.partner("Northern Lights", false);
        hamlet = fixtures.performance("Hamlet", 100, northern);
        macbeth = fixtures.performance("Macbeth", 100);
        band = fixtures.standardBand();
        friends = pricing.createScheme("Friends", new BigDecimal("30.00"));
        parent = fixtures.person("Pat", "Parent");
        child = fixtures.personWithoutEmail("Kim", "Parent");
        relationships.link(fixtures.parentChild().id(), parent.id(), child.id(), 1);
    }

    @Test
    void anOrderAddsItsSoldTicketsByPerformanceAndItsMembershipsAndDonationsCreditedToOwnerAndFacilitator() {
        // covers F-10: the child owns the order, the parent who facilitated it is credited when grouped by facilitator
        placeFamilyOrder();
        PlacedOrder own = fixtures.buy(parent, null, OrderChannel.BOX_OFFICE, macbeth, band, "20.00", Map.of());

        assertThat(summary()).containsExactly(
                "-|%1$d|%2$d|0|0|1|3000|2|1500".formatted(child.id(), parent.id()),
                "%3$d|%1$d|%2$d|2|2050|0|0|0|0".formatted(child.id(), parent.id(), hamlet.id()),
                "%3$d|%1$d|%2$d|1|900|0|0|0|0".formatted(child.id(), parent.id(), macbeth.id()),
                "%2$d|%1$d|%1$d|1|2000|0|0|0|0".formatted(parent.id(), macbeth.id()));
        assertThat(own.ownerId()).isEqualTo(parent.id());
        assertThat(summary()).isEqualTo(fromBaseTables());
        // V31: what each customer bought in all, as owner, then as the customer credited.
        assertThat(totals()).containsExactlyInAnyOrder(
                "%d|3|2950|1|3000|2|1500|0|0|0|0|0|0".formatted(child.id()),
                "%d|1|2000|0|0|0|0|4|4950|1|3000|2|1500".formatted(parent.id()));
        assertThat(totals()).isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());
    }

    @Test
    void aReturnedTicketNoLongerCountsAndReturningTheLastLeavesNothingForThatPerformance() {
        long order = placeFamilyOrder();
        List<Long> hamletTickets = jdbc.sql("""
                select id from ticket where order_id = :order and event_instance_id = :hamlet order by line_number
                """).param("order", order).param("hamlet", hamlet.id()).query(Long.class).list();

        placement.returnTicket(hamletTickets.get(0));
        assertThat(summary()).contains("%3$d|%1$d|%2$d|1|800|0|0|0|0".formatted(child.id(), parent.id(), hamlet.id()))
                .isEqualTo(fromBaseTables());

        placement.returnTicket(hamletTickets.get(1));
        assertThat(summary()).containsExactly(
                "-|%1$d|%2$d|0|0|1|3000|2|1500".formatted(child.id(), parent.id()),
                "%3$d|%1$d|%2$d|1|900|0|0|0|0".formatted(child.id(), parent.id(), macbeth.id()));
        assertThat(summary()).isEqualTo(fromBaseTables());
        assertThat(totals()).containsExactlyInAnyOrder(
                "%d|1|900|1|3000|2|1500|0|0|0|0|0|0".formatted(child.id()),
                "%d|0|0|0|0|0|0|1|900|1|3000|2|1500".formatted(parent.id()))
                .isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());
    }

    @Test
    void movingRepricingAndDeletingLinesAndReassigningTheOrderKeepTheSummaryEqualToTheBaseTables() {
        long order = placeFamilyOrder();

        jdbc.sql("update ticket set event_instance_id = :macbeth, price = price + 1 where order_id = :order"
                + " and event_instance_id = :hamlet and line_number = 0").param("macbeth", macbeth.id())
                .param("order", order).param("hamlet", hamlet.id()).update();
        assertThat(summary()).contains(
                "%3$d|%1$d|%2$d|1|800|0|0|0|0".formatted(child.id(), parent.id(), hamlet.id()),
                "%3$d|%1$d|%2$d|2|2250|0|0|0|0".formatted(child.id(), parent.id(), macbeth.id()))
                .isEqualTo(fromBaseTables());
        assertThat(totals()).isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());

        jdbc.sql("delete from donation where order_id = :order and amount = 5.00").param("order", order).update();
        jdbc.sql("update membership set price = 25.00 where order_id = :order").param("order", order).update();
        assertThat(summary()).contains("-|%1$d|%2$d|0|0|1|2500|1|1000".formatted(child.id(), parent.id()))
                .isEqualTo(fromBaseTables());
        assertThat(totals()).isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());

        // The order's time and customers move with it: now the child's own, confirmed a year earlier.
        jdbc.sql("update customer_order set facilitator_id = null, relationship_id = null,"
                + " confirmed_at = confirmed_at - interval '1 year' where id = :order").param("order", order).update();
        assertThat(summary()).contains("-|%1$d|%1$d|0|0|1|2500|1|1000".formatted(child.id()))
                .isEqualTo(fromBaseTables());
        // The parent facilitated nothing any more: the child is credited with all of it.
        assertThat(totals()).containsExactly("%d|3|3050|1|2500|1|1000|3|3050|1|2500|1|1000".formatted(child.id()))
                .isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());
        assertThat(jdbc.sql("select count(*) from order_summary where confirmed_at > now() - interval '1 day'")
                .query(Long.class).single()).isZero();

        jdbc.sql("delete from ticket where order_id = :order").param("order", order).update();
        jdbc.sql("delete from membership where order_id = :order").param("order", order).update();
        jdbc.sql("delete from donation where order_id = :order").param("order", order).update();
        jdbc.sql("delete from customer_order where id = :order").param("order", order).update();
        assertThat(jdbc.sql("select count(*) from order_summary").query(Long.class).single()).isZero();
        assertThat(totals()).isEmpty();
        assertThat(partnerTotals()).isEmpty();
    }

    @Test
    void erasingACustomerOrChangingAPreferenceLeavesTheOrdersSumsAsTheyAre() {
        // Erasure keeps orders and tickets (sales must not change); preferences are not part of the summary.
        placeFamilyOrder();
        List<String> before = summary();
        preferences.record(parent.id(), fixtures.partner("Southern Cross", true).id(), PreferenceState.YES,
                PreferenceChannel.BOX_OFFICE, "box@venue.example");

        erasure.erase(child.id(), "admin@venue.example");

        assertThat(summary()).isEqualTo(before).isEqualTo(fromBaseTables());
        assertThat(totals()).hasSize(2).isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());
    }

    @Test
    void eachPerformancesRowsNameItsEventsPartnerCompaniesAsAssignmentsChange() {
        // covers P-2 and R-1: a partner company's runs see the rows of its own events' performances only
        placeFamilyOrder();
        long southern = fixtures.partner("Southern Cross", false).id();
        assertThat(partnersByPerformance()).containsExactly(
                hamlet.id() + "|{" + northern.id() + "}", macbeth.id() + "|{}");
        // Hamlet's two tickets (12.50 and 8.00) are Northern's, owned by the child and made by the parent.
        assertThat(partnerTotals()).containsExactlyInAnyOrder(
                "%d|%d|2|2050|0|0".formatted(northern.id(), child.id()),
                "%d|%d|0|0|2|2050".formatted(northern.id(), parent.id()));

        jdbc.sql("insert into event_partner_company (event_id, partner_company_id) values (:event, :partner)")
                .param("event", macbeth.eventId()).param("partner", southern).update();
        jdbc.sql("insert into event_partner_company (event_id, partner_company_id) values (:event, :partner)")
                .param("event", hamlet.eventId()).param("partner", southern).update();
        assertThat(partnersByPerformance()).containsExactly(
                hamlet.id() + "|{" + northern.id() + "," + southern + "}", macbeth.id() + "|{" + southern + "}");
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables()).hasSize(4);

        jdbc.sql("delete from event_partner_company where event_id = :event and partner_company_id = :partner")
                .param("event", hamlet.eventId()).param("partner", northern.id()).update();
        jdbc.sql("update event_instance set event_id = :hamlet where id = :macbeth")
                .param("hamlet", hamlet.eventId()).param("macbeth", macbeth.id()).update();
        assertThat(partnersByPerformance()).containsExactly(
                hamlet.id() + "|{" + southern + "}", macbeth.id() + "|{" + southern + "}");

        assertThat(partnerTotals()).containsExactlyInAnyOrder(
                "%d|%d|3|2950|0|0".formatted(southern, child.id()), "%d|%d|0|0|3|2950".formatted(southern, parent.id()))
                .isEqualTo(partnerTotalsFromBaseTables());

        jdbc.sql("select order_summary_rebuild()").query().singleRow();
        assertThat(partnersByPerformance()).containsExactly(
                hamlet.id() + "|{" + southern + "}", macbeth.id() + "|{" + southern + "}");
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());
    }

    @Test
    void aPartnerCompanysReaderSeesItsOwnCompanysTotalsOnly() {
        // covers R-1: Macbeth is Southern Cross's; Northern Lights' Hamlet tickets stay out of its reader's sight
        placeFamilyOrder();
        long southern = fixtures.partner("Southern Cross", false).id();
        jdbc.sql("insert into event_partner_company (event_id, partner_company_id) values (:event, :partner)")
                .param("event", macbeth.eventId()).param("partner", southern).update();

        List<String> seen = transactions.execute(status -> {
            jdbc.sql("""
                    select set_config('role', 'stagedoor_partner_reader', true),
                           set_config('stagedoor.partner_company_id', :company, true)
                    """).param("company", String.valueOf(southern)).query().singleRow();
            status.setRollbackOnly();
            return partnerTotals();
        });
        assertThat(seen).containsExactlyInAnyOrder("%d|%d|1|900|0|0".formatted(southern, child.id()),
                "%d|%d|0|0|1|900".formatted(southern, parent.id()));
        assertThat(partnerTotals()).hasSize(4).isEqualTo(partnerTotalsFromBaseTables());
    }

    @Test
    void theMigrationsBackfillSumsLinesStoredBeforeTheSummaryExisted() {
        long order = placeFamilyOrder();
        List<String> kept = summary();
        // Lines stored with the summary's triggers off, as every line was before V17; then the backfill V17 ran.
        jdbc.sql("alter table ticket disable trigger ticket_summary_insert").update();
        try {
            jdbc.sql("""
                    insert into ticket (order_id, line_number, event_instance_id, price_band_id, price, status,
                                        returned_at)
                    values (:order, 10, :hamlet, :band, 7.25, 'SOLD', null),
                           (:order, 11, :hamlet, :band, 6.00, 'RETURNED', now())
                    """).param("order", order).param("hamlet", hamlet.id()).param("band", band.id()).update();
        }
        finally {
            jdbc.sql("alter table ticket enable trigger ticket_summary_insert").update();
        }
        assertThat(summary()).isEqualTo(kept);

        jdbc.sql("select order_summary_rebuild()").query().singleRow();
        assertThat(totals()).isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());
        jdbc.sql("truncate order_summary").update();
        assertThat(totals()).isEmpty();
        assertThat(partnerTotals()).isEmpty();
        jdbc.sql("select order_summary_rebuild()").query().singleRow();
        assertThat(totals()).isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());

        assertThat(summary()).containsExactly(
                "-|%1$d|%2$d|0|0|1|3000|2|1500".formatted(child.id(), parent.id()),
                "%3$d|%1$d|%2$d|3|2775|0|0|0|0".formatted(child.id(), parent.id(), hamlet.id()),
                "%3$d|%1$d|%2$d|1|900|0|0|0|0".formatted(child.id(), parent.id(), macbeth.id()));
        assertThat(summary()).isEqualTo(fromBaseTables());
        assertThat(totals()).containsExactlyInAnyOrder(
                "%d|4|3675|1|3000|2|1500|0|0|0|0|0|0".formatted(child.id()),
                "%d|0|0|0|0|0|0|4|3675|1|3000|2|1500".formatted(parent.id()))
                .isEqualTo(totalsFromBaseTables());
        assertThat(partnerTotals()).isEqualTo(partnerTotalsFromBaseTables());
    }

    /**
     * The parent books for the child: two tickets for Hamlet (12.50, 8.00), one for Macbeth (9.00), a Friends
     * membership (30.00) and two donations (10.00, 5.00).
     */
    private long placeFamilyOrder() {
        return placement.place(new OrderRequest(child.id(), parent.id(), OrderChannel.BOX_OFFICE,
                List.of(new TicketLine(hamlet.id(), band.id(), new BigDecimal("12.50")),
                        new TicketLine(hamlet.id(), band.id(), new BigDecimal("8.00")),
                        new TicketLine(macbeth.id(), band.id(), new BigDecimal("9.00"))),
                List.of(new MembershipLine(friends.id(), LocalDate.now(), LocalDate.now().plusYears(1),
                        new BigDecimal("30.00"))),
                List.of(new DonationLine("Building fund", new BigDecimal("10.00")),
                        new DonationLine("Education", new BigDecimal("5.00"))),
                Map.of())).orderId();
    }

    private List<String> summary() {
        return OrderSummaryRows.summary(jdbc);
    }

    private List<String> totals() {
        return OrderSummaryRows.totals(jdbc);
    }

    private List<String> totalsFromBaseTables() {
        return OrderSummaryRows.totalsFromBaseTables(jdbc);
    }

    private List<String> partnerTotals() {
        return OrderSummaryRows.partnerTotals(jdbc);
    }

    private List<String> partnerTotalsFromBaseTables() {
        return OrderSummaryRows.partnerTotalsFromBaseTables(jdbc);
    }

    private List<String> partnersByPerformance() {
        return jdbc.sql("""
                select event_instance_id || '|' || partner_company_ids::text from order_summary
                 where event_instance_id is not null order by event_instance_id
                """).query(String.class).list();
    }

    private List<String> fromBaseTables() {
        return OrderSummaryRows.fromBaseTables(jdbc);
    }
}
