package org.stagedoor.admin;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.event.Event;
import org.stagedoor.booking.event.EventPartner;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;

/**
 * Which partner companies an event is assigned to (P-2), changed from the event's page (the ticked set) or from a
 * company's page (one event added or taken away): both through {@link #assign}, so the checks and the single audit
 * entry are the same; adding or taking away reads and writes the set in one transaction, so that a change made
 * meanwhile on the event's page is not lost. A company added after a booking sets no preference (P-5).
 */
@Component
class EventAssignments {

    private final Events events;

    private final PartnerCompanies companies;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    EventAssignments(Events events, PartnerCompanies companies, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.events = events;
        this.companies = companies;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Assigns exactly these partner companies to the event, audited once. */
    void assign(long eventId, Set<Long> partnerCompanyIds, String actor) {
        transaction.executeWithoutResult(status -> {
            Event event = events.get(eventId);
            events.assignPartners(eventId, partnerCompanyIds);
            String names = events.partnersOf(eventId).stream().map(PartnerCompany::name)
                    .collect(Collectors.joining(", "));
            audit.adminChange(actor, "assigned to event " + eventId + " '" + event.name() + "' the partner companies "
                    + new TreeSet<>(partnerCompanyIds) + (names.isEmpty() ? " (none)" : " (" + names + ")"));
        });
    }

    /** Adds one event to a company's; refused in words when there is no such event or it has it already. */
    void add(long partnerCompanyId, Long eventId, String actor) {
        change(partnerCompanyId, eventId, true, actor);
    }

    /** Takes one event away from a company's; refused in words when it is not one of them. */
    void remove(long partnerCompanyId, Long eventId, String actor) {
        change(partnerCompanyId, eventId, false, actor);
    }

    private void change(long partnerCompanyId, Long eventId, boolean add, String actor) {
        PartnerCompany company = companies.get(partnerCompanyId);
        transaction.executeWithoutResult(status -> {
            Event event = event(eventId);
            Set<Long> assigned = event.partners().stream().map(EventPartner::partnerCompanyId)
                    .collect(Collectors.toCollection(HashSet::new));
            if (add ? !assigned.add(partnerCompanyId) : !assigned.remove(partnerCompanyId)) {
                throw new InvalidBookingRequest("“" + event.name() + "” is " + (add ? "already" : "not")
                        + " assigned to " + company.name() + ".");
            }
            assign(event.id(), assigned, actor);
        });
    }

    private Event event(Long eventId) {
        if (eventId == null) {
            throw new InvalidBookingRequest("Choose an event.");
        }
        try {
            return events.get(eventId);
        }
        catch (NotFoundException ex) {
            throw new InvalidBookingRequest("That event no longer exists: choose another.");
        }
    }
}
