package org.stagedoor.bookingapi;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.admin.CustomerSearch;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.booking.customer.CreatedChannel;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerKind;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.facilitation.BoxOfficeBooking;
import org.stagedoor.booking.facilitation.OnlineBooking;
import org.stagedoor.booking.facilitation.PotentialDuplicate;
import org.stagedoor.booking.facilitation.PotentialDuplicates;
import org.stagedoor.booking.facilitation.RelatedCustomer;
import org.stagedoor.booking.facilitation.SomeoneElse;
import org.stagedoor.booking.relationship.Relationship;
import org.stagedoor.booking.relationship.Side;
import org.stagedoor.web.ApiController;

/**
 * Customers for the venue's sales channels: finding them, creating them (at the box office or online, and the
 * online path's "someone else", F-5, reported with its potential duplicates, F-6), and whom a customer may book for
 * or be booked by (F-4, F-5). Every change goes through the booking core's services, which enforce the rules.
 */
@ApiController("/api/booking")
@Tag(name = "Booking: customers", description = "Find and create customers, \"someone else\" (F-5), potential"
        + " duplicates (F-6), whom a customer may book for and who may book for them (F-4, F-5)")
class CustomerApiController extends BookingEndpoints {

    private static final String RELATIONSHIP_TYPE_REQUIRED = "is required: how the facilitator and the other customer"
            + " are related";

    private static final String FACILITATOR_SIDE_REQUIRED = "is required: the side of the relationship type the"
            + " facilitator is on, the first or the second";

    private final CustomerSearch search;

    private final CustomerRecords customers;

    private final OnlineBooking online;

    private final BoxOfficeBooking boxOffice;

    private final PotentialDuplicates duplicates;

    CustomerApiController(CustomerSearch search, CustomerRecords customers, OnlineBooking online,
            BoxOfficeBooking boxOffice, PotentialDuplicates duplicates) {
        this.search = search;
        this.customers = customers;
        this.online = online;
        this.boxOffice = boxOffice;
        this.duplicates = duplicates;
    }

    /**
     * A customer as the sales channels see them.
     *
     * @param kind {@code INDIVIDUAL} or {@code ORGANISATION}
     * @param name as pages show it: "Ms Ada Lovelace", or the organisation's name
     * @param onlineAccess whether they can sign in online; off for "someone else" (F-5)
     * @param createdChannel how the record came to be; {@code ONLINE_SOMEONE_ELSE} marks possible duplicates (F-6)
     */
    record CustomerView(long id, CustomerKind kind, String name, String title, String firstName, String lastName,
            String organisationName, String email, String phone, String mobile, String postcode,
            LocalDate dateOfBirth, boolean onlineAccess, CreatedChannel createdChannel, Instant createdAt) {

        static CustomerView of(Customer customer) {
            return new CustomerView(customer.id(), customer.kind(), customer.displayName(), customer.title(),
                    customer.firstName(), customer.lastName(), customer.organisationName(), customer.email(),
                    customer.phone(), customer.mobile(), customer.postcode(), customer.dateOfBirth(),
                    customer.onlineAccess(), customer.createdChannel(), customer.createdAt());
        }
    }

    /** A page of customers found (the first page is 1), best match first, and whether another page follows. */
    record Found(int page, List<CustomerSearch.Match> customers, boolean more) {
    }

    /**
     * A new customer, at the box office or signing up online.
     *
     * @param kind {@code INDIVIDUAL} (first and last name) or {@code ORGANISATION} (its name)
     * @param channel {@code BOX_OFFICE} or {@code ONLINE}
     * @param email optional; one customer record per address
     */
    record NewCustomer(
            @NotNull(message = "is required: say whether the customer is a person or an organisation")
            CustomerKind kind,
            String title, String firstName, String lastName, String organisationName,
            // Blank is no address; spaces around one are taken off when it is kept.
            @Pattern(regexp = "\\s*([^@\\s]+@[^@\\s]+)?\\s*", message = "is not an email address")
            String email,
            String phone, String mobile, String postcode, LocalDate dateOfBirth,
            @NotNull(message = "is required: say whether the customer is created at the box office or online")
            NewChannel channel) {
    }

    /** Where a customer is created through this API. */
    enum NewChannel {
        BOX_OFFICE, ONLINE
    }

    /**
     * F-5's "someone else": a new person the facilitator books for, from their names and how they are related.
     *
     * @param relationshipTypeId a type that lets the facilitator's side act for the other
     * @param facilitatorSide the side of the type the facilitator is on: {@code A} (its first label) or {@code B}
     * @param dateOfBirth needed only where the venue requires it for new accounts
     */
    record SomeoneElseBody(String title, String firstName, String lastName,
            @NotNull(message = RELATIONSHIP_TYPE_REQUIRED) Long relationshipTypeId,
            @NotNull(message = FACILITATOR_SIDE_REQUIRED) Side facilitatorSide, LocalDate dateOfBirth) {
    }

    /** The customer just created for someone else, and the customers they may duplicate (F-6). */
    record SomeoneElseCreated(CustomerView customer, List<PotentialDuplicate> potentialDuplicates) {
    }

    /**
     * A found or new customer linked to an owner so that they may book for them (F-4's "new facilitator").
     *
     * @param facilitatorSide the side of the type the facilitator is on: {@code A} (its first label) or {@code B}
     * @param importance 1 (the highest) or more
     */
    record FacilitatorLink(
            @NotNull(message = "is required: the customer who will book for the owner") Long facilitatorId,
            @NotNull(message = RELATIONSHIP_TYPE_REQUIRED) Long relationshipTypeId,
            @NotNull(message = FACILITATOR_SIDE_REQUIRED) Side facilitatorSide, Integer importance) {
    }

    @Operation(summary = "Find customers by part of a name, an email address or a customer number",
            description = "Close spellings count too; the best match first, 25 a page.")
    @GetMapping("/customers")
    Found find(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page) {
        CustomerSearch.Results results = search.find(q, page, CustomerSearch.PAGE_SIZE);
        return new Found(results.page(), results.matches(), results.more());
    }

    @Operation(summary = "One customer")
    @GetMapping("/customers/{id}")
    CustomerView customer(@PathVariable long id) {
        return CustomerView.of(customers.get(id));
    }

    @Operation(summary = "Create a customer at the box office or online",
            description = "Answers 201 with the customer. One customer record per email address.")
    @PostMapping("/customers")
    ResponseEntity<CustomerView> create(@Valid @RequestBody NewCustomer body) {
        // What the kind of customer asks of the other fields: checked once each field is there.
        List<FieldError> errors = new ArrayList<>();
        if (body.kind() == CustomerKind.INDIVIDUAL && (blank(body.firstName()) || blank(body.lastName()))) {
            errors.add(new FieldError(blank(body.firstName()) ? "firstName" : "lastName",
                    "is required: a person needs a first and a last name"));
        }
        else if (body.kind() == CustomerKind.ORGANISATION && blank(body.organisationName())) {
            errors.add(new FieldError("organisationName", "is required: an organisation needs its name"));
        }
        if (body.kind() == CustomerKind.ORGANISATION && body.dateOfBirth() != null) {
            errors.add(new FieldError("dateOfBirth", "is for a person only, not an organisation"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        CreatedChannel channel = body.channel() == NewChannel.ONLINE ? CreatedChannel.ONLINE
                : CreatedChannel.BOX_OFFICE;
        Customer customer = body.kind() == CustomerKind.INDIVIDUAL
                ? Customer.individual(trimmed(body.title()), body.firstName().strip(), body.lastName().strip(),
                        trimmed(body.email()), channel)
                : Customer.organisation(body.organisationName().strip(), trimmed(body.email()), channel);
        customer = customer.withContact(trimmed(body.phone()), trimmed(body.mobile()), trimmed(body.postcode()))
                .withDateOfBirth(body.dateOfBirth());
        Customer created = customers.create(customer);
        return ResponseEntity.created(URI.create("/api/booking/customers/" + created.id()))
                .body(CustomerView.of(created));
    }

    @Operation(summary = "Create \"someone else\" for a facilitator to book for (F-5)",
            description = "A new person with online access off, no email and no password, linked to the facilitator"
                    + " with importance 1. Answers 201 with the customer and the existing customers they may"
                    + " duplicate: the same names, linked to the same facilitator (F-6).")
    @PostMapping("/customers/{facilitatorId}/someone-else")
    ResponseEntity<SomeoneElseCreated> someoneElse(@PathVariable long facilitatorId,
            @Valid @RequestBody SomeoneElseBody body) {
        Customer created = online.createSomeoneElse(facilitatorId, new SomeoneElse(body.title(), body.firstName(),
                body.lastName(), body.relationshipTypeId(), body.facilitatorSide(), body.dateOfBirth()));
        List<PotentialDuplicate> same = duplicates.find(facilitatorId).stream()
                .filter(pair -> pair.someoneElseId() == created.id() || pair.otherCustomerId() == created.id())
                .toList();
        return ResponseEntity.created(URI.create("/api/booking/customers/" + created.id()))
                .body(new SomeoneElseCreated(CustomerView.of(created), same));
    }

    @Operation(summary = "Potential duplicates of \"someone else\" records (F-6)",
            description = "Pairs with the same first and last names linked to the same facilitator; with"
                    + " `facilitatorId`, only those around that facilitator.")
    @GetMapping("/potential-duplicates")
    List<PotentialDuplicate> potentialDuplicates(@RequestParam(required = false) Long facilitatorId) {
        if (facilitatorId != null) {
            customers.get(facilitatorId);
        }
        return duplicates.find(facilitatorId);
    }

    @Operation(summary = "Whom a signed-in customer may book for (F-5)",
            description = "The customer first (\"Myself\"), then everyone a relationship lets them act for, the most"
                    + " important first.")
    @GetMapping("/customers/{id}/owners")
    List<RelatedCustomer> owners(@PathVariable long id) {
        return online.choosableOwners(id);
    }

    @Operation(summary = "Who may book for a customer at the box office (F-4)",
            description = "Individuals whose side of a relationship with the customer lets them act for them, the"
                    + " most important first.")
    @GetMapping("/customers/{id}/facilitators")
    List<RelatedCustomer> facilitators(@PathVariable long id) {
        return boxOffice.facilitatorCandidates(id);
    }

    @Operation(summary = "Link a found or new customer to an owner, to book for them (F-4)",
            description = "The relationship type must let the facilitator's side act for the other. Answers 201 with"
                    + " the relationship.")
    @PostMapping("/customers/{ownerId}/facilitators")
    ResponseEntity<Relationship> linkFacilitator(@PathVariable long ownerId,
            @Valid @RequestBody FacilitatorLink body) {
        customers.get(ownerId);
        Relationship link = boxOffice.linkNewFacilitator(ownerId, body.facilitatorId(), body.relationshipTypeId(),
                body.facilitatorSide(), body.importance() == null ? 1 : body.importance());
        return ResponseEntity.status(HttpStatus.CREATED).body(link);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String trimmed(String text) {
        return blank(text) ? null : text.strip();
    }
}
