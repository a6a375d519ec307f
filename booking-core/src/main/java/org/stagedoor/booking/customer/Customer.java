package org.stagedoor.booking.customer;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An individual or an organisation in the venue's customer records. An erased customer ({@code erasedAt} set)
 * keeps its id, kind and orders but none of its personal fields.
 */
@Table("customer")
public record Customer(
        @Id Long id,
        CustomerKind kind,
        String title,
        String firstName,
        String lastName,
        String organisationName,
        String email,
        String phone,
        String mobile,
        LocalDate dateOfBirth,
        String postcode,
        boolean onlineAccess,
        CreatedChannel createdChannel,
        Instant createdAt,
        Instant erasedAt) {

    public static Customer individual(String title, String firstName, String lastName, String email,
            CreatedChannel channel) {
        return new Customer(null, CustomerKind.INDIVIDUAL, title, firstName, lastName, null, email, null, null,
                null, null, true, channel, Instant.now(), null);
    }

    public static Customer organisation(String name, String email, CreatedChannel channel) {
        return new Customer(null, CustomerKind.ORGANISATION, null, null, null, name, email, null, null, null,
                null, true, channel, Instant.now(), null);
    }

    public Customer withId(Long id) {
        return new Customer(id, kind, title, firstName, lastName, organisationName, email, phone, mobile,
                dateOfBirth, postcode, onlineAccess, createdChannel, createdAt, erasedAt);
    }

    public Customer withContact(String phone, String mobile, String postcode) {
        return new Customer(id, kind, title, firstName, lastName, organisationName, email, phone, mobile,
                dateOfBirth, postcode, onlineAccess, createdChannel, createdAt, erasedAt);
    }

    public Customer withDateOfBirth(LocalDate dateOfBirth) {
        return new Customer(id, kind, title, firstName, lastName, organisationName, email, phone, mobile,
                dateOfBirth, postcode, onlineAccess, createdChannel, createdAt, erasedAt);
    }

    public boolean isIndividual() {
        return kind == CustomerKind.INDIVIDUAL;
    }

    public boolean isErased() {
        return erasedAt != null;
    }

    /** "Ms Ada Lovelace", or the organisation's name; an erased customer has no name left to show. */
    public String displayName() {
        if (isErased()) {
            return "Erased customer " + id;
        }
        if (!isIndividual()) {
            return organisationName;
        }
        return ((title == null || title.isBlank()) ? "" : title + " ") + firstName + " " + lastName;
    }
}
