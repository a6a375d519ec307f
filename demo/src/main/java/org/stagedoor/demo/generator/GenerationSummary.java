package org.stagedoor.demo.generator;

import java.time.Duration;

/**
 * The rows one run of {@link VenueDataGenerator} loaded, and how long it took (analysis included).
 *
 * @param orders all orders: ticket, membership and donation orders
 * @param tickets ticket lines, returned ones included
 * @param preferences partner preference records; the database wrote as many history rows (P-8)
 */
public record GenerationSummary(long customers, long relationships, long partnerCompanies, long events,
        long eventInstances, long orders, long facilitatedOrders, long tickets, long returnedTickets,
        long memberships, long donations, long preferences, Duration took) {

    GenerationSummary withTook(Duration took) {
        return new GenerationSummary(customers, relationships, partnerCompanies, events, eventInstances, orders,
                facilitatedOrders, tickets, returnedTickets, memberships, donations, preferences, took);
    }

    /** Rows of the tables counted here (assignments of partner companies to events and history rows aside). */
    public long rows() {
        return customers + relationships + partnerCompanies + events + eventInstances + orders + tickets
                + memberships + donations + preferences;
    }
}
