package org.stagedoor.booking.customer;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface CustomerRepository extends ListCrudRepository<Customer, Long> {

    @Query("select * from customer where lower(email) = lower(:email)")
    Optional<Customer> findByEmail(String email);
}
