package org.stagedoor.web;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;

import tools.jackson.core.JacksonException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.run.CountTookTooLong;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.store.StoreRefusals;
import org.stagedoor.listbuilder.ListBuilderOperations;

/**
 * Errors of the JSON API as RFC 9457 problem details: a refused request answers 400 with one entry per
 * field ({@code errors: [{field, message}]}); something missing — or belonging to another partner
 * company, which must look the same — answers 404 with no detail. Requests Spring MVC itself refuses (a body that
 * is not JSON or has a value of the wrong type, an id that is not a number, an unknown status, a missing parameter,
 * a content type or method the endpoint does not take) are problem details too, through
 * {@link ResponseEntityExceptionHandler}, with 400, 405, 415...
 *
 * <p>No answer repeats what the client sent, which may be megabytes long, or hostile: every detail is a fixed
 * sentence (Spring's own details name the parameter, content type or method sent), a field is one of the API's
 * names, and the {@code instance} (the request's path, which Spring would fill in) is left out. The answer is
 * bounded too: at most {@value #MAX_ERRORS} field errors, each text at most {@value #MAX_TEXT} characters.
 */
@RestControllerAdvice(annotations = ApiController.class)
// Before PageErrors, which applies to API controllers too (a @RestController is a @Controller): not left to the
// order the two were found in.
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

    static final int MAX_ERRORS = 20;

    static final int MAX_TEXT = 300;

    private static final String INVALID = "The request cannot be accepted";

    /** Written as no {@code instance} at all (an empty value is left out), and keeps Spring from filling one in. */
    private static final URI NO_INSTANCE = URI.create("");

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException ex) {
        List<InvalidRequestException.FieldError> errors = ex.errors();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, errors.size() <= MAX_ERRORS ? INVALID
                : INVALID + "; the first " + MAX_ERRORS + " of its " + errors.size() + " problems are listed");
        problem.setProperty("errors", errors.stream().limit(MAX_ERRORS)
                .map(error -> Map.of("field", bounded(error.field()), "message", bounded(error.message()))).toList());
        return problem;
    }

    @ExceptionHandler(InvalidBookingRequest.class)
    ProblemDetail invalidBooking(InvalidBookingRequest ex) {
        return problem(HttpStatus.BAD_REQUEST, bounded(ex.words()));
    }

    /** A count stopped by its time limit: said in words, since the list itself may still be run. */
    @ExceptionHandler(CountTookTooLong.class)
    ProblemDetail countTookTooLong(CountTookTooLong ex) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, bounded(ex.getMessage()));
    }

    /** The first rows of a list, stopped by the same limit. */
    @ExceptionHandler(ListBuilderOperations.PreviewTookTooLong.class)
    ProblemDetail previewTookTooLong(ListBuilderOperations.PreviewTookTooLong ex) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, bounded(ex.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, null);
    }

    /**
     * A value the database refused (a NUL character, too long), or a change its constraints refused: 400, said in
     * words (StoreRefusals), never by the constraint's name; any other violation stays a failure.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail refusedValue(DataIntegrityViolationException ex) {
        if (DatabaseOutage.refusedValue(ex)) {
            return problem(HttpStatus.BAD_REQUEST, DatabaseOutage.REFUSED_VALUE);
        }
        return problem(HttpStatus.BAD_REQUEST, StoreRefusals.sentence(ex).orElseThrow(() -> ex));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The body is not JSON of the expected shape");
        String field = ex.getMostSpecificCause() instanceof JacksonException json ? field(json.getPath()) : "";
        if (!field.isEmpty()) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has a value of the wrong type")));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() == null ? "value" : ex.getPropertyName();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID);
        problem.setProperty("errors", List.of(mismatch(field, ex)));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A request body whose record's constraints (Bean Validation, {@code @Valid}) are not met: each field with its
     * constraint's message, in the order the record declares its fields. Query parameters bound together (a list's
     * filters): each one of the wrong type is named, as a single parameter of the wrong type is.
     */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID);
        List<FieldError> errors = new ArrayList<>(ex.getBindingResult().getFieldErrors());
        // Bean Validation reports a record's violations in no set order; a person reads them as the record lists them.
        errors.sort(Comparator.comparingInt(declaredOrder(ex.getBindingResult().getTarget())));
        problem.setProperty("errors", errors.stream().limit(MAX_ERRORS)
                .map(error -> error.contains(TypeMismatchException.class)
                        ? mismatch(error.getField(), error.unwrap(TypeMismatchException.class))
                        : Map.<String, Object>of("field", error.getField(), "message", message(error)))
                .toList());
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A constraint's message is the API's own words (given on the request's record); any other, a fixed one. */
    private static String message(FieldError error) {
        return error.contains(ConstraintViolation.class) && error.getDefaultMessage() != null
                ? bounded(error.getDefaultMessage()) : "is not valid";
    }

    /** Where a field comes in the record bound, or -1 for a target that is no record (their order is kept). */
    private static ToIntFunction<FieldError> declaredOrder(Object target) {
        List<String> fields = target != null && target.getClass().isRecord()
                ? Stream.of(target.getClass().getRecordComponents()).map(RecordComponent::getName).toList()
                : List.of();
        return error -> fields.indexOf(error.getField());
    }

    /**
     * A value of the wrong kind, in words; for a choice, the values a program may send are the API's names, listed
     * in {@code allowed} apart from the sentence a person reads.
     */
    private static Map<String, Object> mismatch(String field, TypeMismatchException ex) {
        Class<?> type = ex.getRequiredType();
        if (type != null && type.isEnum()) {
            return Map.of("field", field, "message", "is not one of the values this takes (listed in allowed)",
                    "allowed", List.of(type.getEnumConstants()).stream().map(String::valueOf).toList());
        }
        String expected = type == null ? "a value of another kind"
                : Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a number"
                : type == LocalDate.class ? "a date (2026-11-30)" : "a value of another kind";
        return Map.of("field", field, "message", "must be " + expected);
    }

    /**
     * Every refusal of Spring MVC's comes here; those it describes itself ({@code body} null: a missing parameter, an
     * unsupported content type or method, a media type it cannot answer in...) get a fixed sentence for their status
     * instead of Spring's detail, which quotes what was sent.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null) {
            ProblemDetail problem = problem(statusCode, fixedDetail(statusCode));
            if (ex instanceof MissingServletRequestParameterException missing) {
                // The name of a parameter the endpoint declares: the API's own.
                problem.setProperty("errors", List.of(Map.of("field", missing.getParameterName(),
                        "message", "is required")));
            }
            return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static String fixedDetail(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> INVALID;
            case 405 -> "This address does not take that method; the Allow header lists those it takes";
            case 406 -> "The answer cannot be given in a media type the request accepts; accept application/json";
            case 413 -> "The request's body is too large";
            case 415 -> "This address does not take a body of that content type; send application/json";
            case 503 -> "The answer took too long; try again shortly";
            default -> status.is5xxServerError() ? "The request could not be answered" : null;
        };
    }

    /** A problem of {@code status} with a title of the API's own words and this detail (null for none). */
    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (status.value() == HttpStatus.BAD_REQUEST.value()) {
            problem.setTitle("Invalid request");
        }
        problem.setInstance(NO_INSTANCE);
        return problem;
    }

    /** A text cut to {@value #MAX_TEXT} characters: the messages are the API's own, and this keeps them bounded. */
    private static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    /**
     * A JSON path as the fields are named elsewhere: {@code recipients[1]}, {@code validityDays}. It stops at a map
     * ({@code parameters}): the map's keys are the client's text, not the API's names.
     */
    private static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.from() instanceof Map) {
                break;
            }
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return bounded(field.toString());
    }

    /** The database is down or restarting: a passing state, said as such (and matched among causes too). */
    @ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.DETAIL));
    }

    /** A rollback that failed because its statement had lost the server is the outage too; any other, a failure. */
    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<ProblemDetail> rollbackAfterOutage(TransactionSystemException ex) {
        if (!DatabaseOutage.explains(ex)) {
            throw ex;
        }
        return databaseUnavailable(ex);
    }
}
