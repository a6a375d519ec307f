package org.stagedoor.booking.venue;

import org.springframework.data.repository.CrudRepository;

public interface VenueSettingsRepository extends CrudRepository<VenueSettings, Short> {
}
