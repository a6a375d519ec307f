package org.stagedoor.booking.event;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A show. Its partner companies (zero or more, P-2) belong to the aggregate. */
@Table("event")
public record Event(@Id Long id, String name, Instant createdAt,
        @MappedCollection(idColumn = "event_id") Set<EventPartner> partners) {

    public Event withId(Long id) {
        return new Event(id, name, createdAt, partners);
    }

    public Event withPartners(Set<EventPartner> partners) {
        return new Event(id, name, createdAt, Set.copyOf(partners));
    }
}
