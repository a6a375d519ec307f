package org.stagedoor.batch.customerlist;

import java.util.ArrayList;
import java.util.List;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;

/**
 * Collects every problem of a definition, so its author sees them all at once, not one per attempt.
 * A field keeps its first problem only: a later check does not add "is required" to a value that was
 * already refused as unreadable, nor "choose at least one" to a list whose entries were refused.
 */
final class Problems {

    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        boolean known = errors.stream().map(FieldError::field)
                .anyMatch(other -> other.equals(field) || other.startsWith(field + "[")
                        || other.startsWith(field + "."));
        if (!known) {
            errors.add(new FieldError(field, message));
        }
    }

    /** A problem of a whole list that its refused entries do not explain, such as its length. */
    void addForWhole(String field, String message) {
        if (errors.stream().noneMatch(error -> error.field().equals(field))) {
            errors.add(new FieldError(field, message));
        }
    }

    void add(InvalidRequestException refused) {
        refused.errors().forEach(error -> add(error.field(), error.message()));
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
