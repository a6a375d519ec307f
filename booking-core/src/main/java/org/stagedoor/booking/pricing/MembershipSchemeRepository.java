package org.stagedoor.booking.pricing;

import org.springframework.data.repository.ListCrudRepository;

public interface MembershipSchemeRepository extends ListCrudRepository<MembershipScheme, Long> {
}
