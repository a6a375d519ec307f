package org.stagedoor.batch;

import java.util.List;

/**
 * A report run, customer list or period that cannot be accepted as asked. Each {@link FieldError}
 * names the offending field and says what is wrong, so the portal can answer 400 with field messages
 * and the command line can print them. Nothing is created when this is thrown.
 */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.stream().map(error -> error.field() + ": " + error.message())
                .reduce((first, second) -> first + "; " + second).orElse("invalid request"));
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One problem: the field (a parameter name, or a path such as {@code segments[2].states}) and the message. */
    public record FieldError(String field, String message) {
    }
}
