package org.stagedoor.bookingapi;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import org.stagedoor.booking.relationship.Relationship;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.web.ApiController;

/**
 * Relationship types and the relationships between customers (F-1): a type names both sides and says which side
 * may act for the other, so which facilitated orders it allows (F-2). Types are created, changed, and deleted while
 * no relationship uses them; relationships are made, and deleted while no order was made through them; all through
 * the booking core's {@link Relationships}.
 */
@ApiController("/api/booking")
@Tag(name = "Booking: relationships", description = "Relationship types (F-1) and the relationships between"
        + " customers that allow facilitated orders (F-2)")
class RelationshipApiController extends BookingEndpoints {

    private final Relationships relationships;

    RelationshipApiController(Relationships relationships) {
        this.relationships = relationships;
    }

    /**
     * A relationship type as written.
     *
     * @param aLabel the first side's name ("Parent")
     * @param bLabel the second side's name ("Child")
     * @param aActsForB whether the first side may book on behalf of the second
     * @param bActsForA whether the second side may book on behalf of the first
     */
    record TypeBody(String aLabel, String bLabel, Boolean aActsForB, Boolean bActsForA) {
    }

    /**
     * A relationship to create: {@code customerAId} on the type's first side, {@code customerBId} on its second.
     *
     * @param importance 1 (the highest) or more; 1 when left out
     */
    record RelationshipBody(
            @NotNull(message = "is required: the kind of relationship") Long relationshipTypeId,
            @NotNull(message = "is required: the customer on the type's first side") Long customerAId,
            @NotNull(message = "is required: the customer on the type's second side") Long customerBId,
            Integer importance) {
    }

    /** A relationship with its type, so that the caller reads who may act for whom. */
    record RelationshipView(long id, long customerAId, long customerBId, int importance, RelationshipType type) {
    }

    @Operation(summary = "Every relationship type, by its labels")
    @GetMapping("/relationship-types")
    List<RelationshipType> types() {
        return relationships.types();
    }

    @Operation(summary = "One relationship type")
    @GetMapping("/relationship-types/{id}")
    RelationshipType type(@PathVariable long id) {
        return relationships.type(id);
    }

    @Operation(summary = "Create a relationship type (F-1)",
            description = "It lets one side, the other, both or neither act on behalf of the other side; with neither"
                    + " it is a plain relationship. Answers 201 with the type.")
    @PostMapping("/relationship-types")
    ResponseEntity<RelationshipType> createType(@RequestBody TypeBody body) {
        RelationshipType type = relationships.defineType(body.aLabel(), body.bLabel(), flag(body.aActsForB()),
                flag(body.bActsForA()));
        return ResponseEntity.created(URI.create("/api/booking/relationship-types/" + type.id())).body(type);
    }

    @Operation(summary = "Change a relationship type's labels and who may act for whom (F-1)",
            description = "Orders already made keep the relationship they were made through; orders from now on are"
                    + " judged by the new settings.")
    @PutMapping("/relationship-types/{id}")
    RelationshipType changeType(@PathVariable long id, @RequestBody TypeBody body) {
        return relationships.changeType(id, body.aLabel(), body.bLabel(), flag(body.aActsForB()),
                flag(body.bActsForA()));
    }

    @Operation(summary = "Delete a relationship type no relationship uses",
            description = "Answers 204; a type in use is refused with 400.")
    @DeleteMapping("/relationship-types/{id}")
    ResponseEntity<Void> deleteType(@PathVariable long id) {
        relationships.deleteType(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A customer's relationships, on either side, the most important first")
    @GetMapping("/customers/{id}/relationships")
    List<RelationshipView> relationshipsOf(@PathVariable long id) {
        return relationships.of(id).stream().map(this::view).toList();
    }

    @Operation(summary = "Link two customers by a relationship type (F-1)",
            description = "`customerAId` is on the type's first side, `customerBId` on its second. Answers 201 with"
                    + " the relationship.")
    @PostMapping("/relationships")
    ResponseEntity<RelationshipView> link(@Valid @RequestBody RelationshipBody body) {
        Relationship link = relationships.link(body.relationshipTypeId(), body.customerAId(), body.customerBId(),
                body.importance() == null ? 1 : body.importance());
        return ResponseEntity.created(URI.create("/api/booking/customers/" + link.customerAId() + "/relationships"))
                .body(view(link));
    }

    @Operation(summary = "Delete a relationship (F-1)",
            description = "Its two customers are no longer linked by it, so it lets neither book for the other from"
                    + " now on (F-2). Answers 204; a relationship that orders were made through is refused with 400:"
                    + " those orders keep it as their record.")
    @DeleteMapping("/relationships/{id}")
    ResponseEntity<Void> unlink(@PathVariable long id) {
        relationships.unlink(id);
        return ResponseEntity.noContent().build();
    }

    private RelationshipView view(Relationship relationship) {
        return new RelationshipView(relationship.id(), relationship.customerAId(), relationship.customerBId(),
                relationship.importance(), relationships.type(relationship.typeId()));
    }

    private static boolean flag(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
