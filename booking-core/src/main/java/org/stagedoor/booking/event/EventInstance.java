package org.stagedoor.booking.event;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One performance of an event. Its own aggregate: tickets refer to it by id. */
@Table("event_instance")
public record EventInstance(@Id Long id, long eventId, Instant startsAt, int capacity) {

    public EventInstance withId(Long id) {
        return new EventInstance(id, eventId, startsAt, capacity);
    }
}
