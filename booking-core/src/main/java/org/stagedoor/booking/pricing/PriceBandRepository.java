package org.stagedoor.booking.pricing;

import org.springframework.data.repository.ListCrudRepository;

public interface PriceBandRepository extends ListCrudRepository<PriceBand, Long> {
}
