package org.stagedoor.booking.event;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;

/** Events, their performances and the partner companies assigned to them (P-2, P-7). */
@Service
public class Events {

    private final EventRepository events;

    private final EventInstanceRepository instances;

    private final PartnerCompanies partnerCompanies;

    Events(EventRepository events, EventInstanceRepository instances, PartnerCompanies partnerCompanies) {
        this.events = events;
        this.instances = instances;
        this.partnerCompanies = partnerCompanies;
    }

    @Transactional
    public Event create(String name, Set<Long> partnerCompanyIds) {
        if (name == null || name.isBlank()) {
            throw new InvalidBookingRequest("an event needs a name");
        }
        return events.save(new Event(null, name.trim(), Instant.now(), partners(partnerCompanyIds)));
    }

    /**
     * Replaces the event's partner companies with exactly these (P-2). Nothing about customers'
     * preferences changes: a company added after a booking is asked about at the next one (P-5).
     */
    @Transactional
    public Event assignPartners(long eventId, Set<Long> partnerCompanyIds) {
        return events.save(get(eventId).withPartners(partners(partnerCompanyIds)));
    }

    @Transactional
    public EventInstance addInstance(long eventId, Instant startsAt, int capacity) {
        get(eventId);
        if (capacity < 1) {
            throw new InvalidBookingRequest("a performance needs a capacity of at least one seat");
        }
        return instances.save(new EventInstance(null, eventId, startsAt, capacity));
    }

    public Event get(long eventId) {
        return events.findById(eventId).orElseThrow(() -> new NotFoundException("event", eventId));
    }

    public EventInstance instance(long instanceId) {
        return instances.findById(instanceId).orElseThrow(() -> new NotFoundException("event instance", instanceId));
    }

    /** Viewing an event shows its assigned partner companies only, by name (P-2). */
    public List<PartnerCompany> partnersOf(long eventId) {
        return get(eventId).partners().stream()
                .map(partner -> partnerCompanies.get(partner.partnerCompanyId()))
                .sorted(Comparator.comparing(company -> company.name().toLowerCase()))
                .toList();
    }

    /** Editing an event shows every partner company, ticked where assigned (P-2). */
    public List<PartnerChoice> partnerChoices(long eventId) {
        Set<Long> assigned = get(eventId).partners().stream().map(EventPartner::partnerCompanyId)
                .collect(Collectors.toSet());
        return partnerCompanies.all().stream()
                .map(company -> new PartnerChoice(company, assigned.contains(company.id())))
                .toList();
    }

    private Set<EventPartner> partners(Set<Long> partnerCompanyIds) {
        if (partnerCompanyIds == null) {
            return Set.of();
        }
        partnerCompanyIds.forEach(partnerCompanies::get);
        return partnerCompanyIds.stream().map(EventPartner::new).collect(Collectors.toUnmodifiableSet());
    }

    /** A partner company on the event edit screen, and whether it is assigned. */
    public record PartnerChoice(PartnerCompany company, boolean assigned) {
    }
}
