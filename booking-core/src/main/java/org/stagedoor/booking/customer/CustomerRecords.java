package org.stagedoor.booking.customer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.NotFoundException;

/** Creates and finds customer records; one record per email address, whatever its case. */
@Service
public class CustomerRecords {

    private final CustomerRepository customers;

    CustomerRecords(CustomerRepository customers) {
        this.customers = customers;
    }

    @Transactional
    public Customer create(Customer customer) {
        if (customer.id() != null) {
            throw new IllegalArgumentException("A new customer has no id yet");
        }
        if (customer.email() != null && customers.findByEmail(customer.email()).isPresent()) {
            throw duplicateEmail();
        }
        try {
            return customers.save(customer);
        }
        catch (DuplicateKeyException ex) {
            // Another transaction registered the same address between the check and the insert.
            throw duplicateEmail();
        }
    }

    public Customer get(long id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("customer", id));
    }

    private static BookingRuleViolation duplicateEmail() {
        return new BookingRuleViolation("F-6", "a customer with this email address already exists; there is only"
                + " one customer record per email address");
    }
}
