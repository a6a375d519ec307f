package org.stagedoor.booking.order;

import org.springframework.data.repository.ListCrudRepository;

public interface CustomerOrderRepository extends ListCrudRepository<CustomerOrder, Long> {
}
