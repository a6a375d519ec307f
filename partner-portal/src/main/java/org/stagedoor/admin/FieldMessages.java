package org.stagedoor.admin;

import java.util.List;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;

/**
 * Why a form was refused, for its page: every message with the field it concerns, so that each shows next to
 * its input ({@link #on(String)}) and all of them in the summary above the form ({@link #all()}).
 */
public final class FieldMessages {

    static final FieldMessages NONE = new FieldMessages(List.of());

    private final List<FieldError> errors;

    private FieldMessages(List<FieldError> errors) {
        this.errors = List.copyOf(errors);
    }

    static FieldMessages of(InvalidRequestException ex) {
        return new FieldMessages(ex.errors());
    }

    static FieldMessages of(String field, String message) {
        return new FieldMessages(List.of(new FieldError(field, message)));
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    public List<FieldError> all() {
        return errors;
    }

    /**
     * The messages of a field and of its parts ({@code recipients[2]}, {@code parameters.period},
     * {@code when.cron}).
     */
    public List<String> on(String field) {
        return errors.stream()
                .filter(error -> error.field().equals(field) || error.field().startsWith(field + ".")
                        || error.field().startsWith(field + "["))
                .map(FieldError::message)
                .toList();
    }
}
