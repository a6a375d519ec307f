package org.stagedoor.booking.event;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface EventInstanceRepository extends ListCrudRepository<EventInstance, Long> {

    @Query("select * from event_instance where event_id = :eventId order by starts_at")
    List<EventInstance> findByEventId(long eventId);
}
