package org.stagedoor.booking;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import org.stagedoor.booking.customer.CreatedChannel;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.order.OrderPlacement;
import org.stagedoor.booking.order.OrderRequest;
import org.stagedoor.booking.order.OrderRequest.TicketLine;
import org.stagedoor.booking.order.PlacedOrder;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.pricing.Pricing;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.relationship.Relationships;

/** Builds small, hand-made data sets through the real services, for tests of any module. */
@Component
public class BookingFixtures {

    private final CustomerRecords customers;

    private final Relationships relationships;

    private final PartnerCompanies partners;

    private final Events events;

    private final Pricing pricing;

    private final OrderPlacement placement;

    private int emails;

    public BookingFixtures(CustomerRecords customers, Relationships relationships, PartnerCompanies partners,
            Events events, Pricing pricing, OrderPlacement placement) {
        this.customers = customers;
        this.relationships = relationships;
        this.partners = partners;
        this.events = events;
        this.pricing = pricing;
        this.placement = placement;
    }

    /** An individual with a unique email address. */
    public Customer person(String firstName, String lastName) {
        return customers.create(Customer.individual(null, firstName, lastName,
                firstName.toLowerCase() + "." + lastName.toLowerCase() + "." + (++emails) + "@example.org",
                CreatedChannel.BOX_OFFICE));
    }

    public Customer personWithoutEmail(String firstName, String lastName) {
        return customers.create(Customer.individual(null, firstName, lastName, null, CreatedChannel.BOX_OFFICE));
    }

    public Customer organisation(String name) {
        return customers.create(Customer.organisation(name, null, CreatedChannel.BOX_OFFICE));
    }

    /** Parent / Child: the parent (side A) may act for the child (side B), not the other way (F-1). */
    public RelationshipType parentChild() {
        return relationships.defineType("Parent", "Child", true, false);
    }

    public PartnerCompany partner(String name, boolean collectsPreferences) {
        return partners.create(name, collectsPreferences, "");
    }

    /** An event with one performance a week from now, of the given capacity. */
    public EventInstance performance(String eventName, int capacity, PartnerCompany... partnerCompanies) {
        Set<Long> ids = Arrays.stream(partnerCompanies).map(PartnerCompany::id).collect(Collectors.toSet());
        long eventId = events.create(eventName, ids).id();
        return events.addInstance(eventId, Instant.now().plus(Duration.ofDays(7)), capacity);
    }

    public PriceBand standardBand() {
        return pricing.createBand("Standard", null);
    }

    public PlacedOrder buy(Customer owner, Customer facilitator, OrderChannel channel, EventInstance instance,
            PriceBand band, String price, Map<Long, PreferenceState> answers) {
        return placement.place(OrderRequest.tickets(owner.id(), facilitator == null ? null : facilitator.id(), channel,
                List.of(new TicketLine(instance.id(), band.id(), new BigDecimal(price))), answers));
    }
}
