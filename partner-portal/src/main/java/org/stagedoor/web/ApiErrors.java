package org.stagedoor.web;

import java.util.List;
import java.util.Map;

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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;

/**
 * Errors of the JSON API as RFC 9457 problem details: a refused request answers 400 with one entry per
 * field ({@code errors: [{field, message}]}); something missing — or belonging to another partner
 * company, which must look the same — answers 404 with no detail. Requests Spring MVC itself refuses (a body that
 * is not JSON or has a value of the wrong type, an id that is not a number, an unknown status, a content type the
 * endpoint does not take) are problem details too, through {@link ResponseEntityExceptionHandler}, with 400, 415...
 * and never the value that was sent: it may be megabytes long, or hostile.
 */
@RestControllerAdvice(annotations = ApiController.class)
// Before PageErrors, which applies to API controllers too (a @RestController is a @Controller): not left to the
// order the two were found in.
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request cannot be accepted");
        problem.setTitle("Invalid request");
        List<Map<String, String>> errors = ex.errors().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message())).toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(InvalidBookingRequest.class)
    ProblemDetail invalidBooking(InvalidBookingRequest ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException ex) {
        return ProblemDetail.forStatus(HttpStatus.NOT_FOUND);
    }

    /** A value the database refused (a NUL character, too long): 400; any other violation stays a failure. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail refusedValue(DataIntegrityViolationException ex) {
        if (!DatabaseOutage.refusedValue(ex)) {
            throw ex;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, DatabaseOutage.REFUSED_VALUE);
        problem.setTitle("Invalid request");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body is not JSON of the expected shape");
        problem.setTitle("Invalid request");
        JacksonException json = ex.getMostSpecificCause() instanceof JacksonException found ? found : null;
        String field = json == null ? "" : field(json.getPath());
        if (!field.isEmpty()) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has a value of the wrong type")));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() == null ? "value" : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().isEnum()
                ? "one of " + List.of(ex.getRequiredType().getEnumConstants())
                : Number.class.isAssignableFrom(ex.getRequiredType()) || ex.getRequiredType().isPrimitive()
                        ? "a number" : ex.getRequiredType().getSimpleName();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request cannot be accepted");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", "must be " + expected)));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A JSON path as the fields are named elsewhere: {@code recipients[1]}, {@code parameters.period}. */
    private static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** The database is down or restarting: a passing state, said as such (and matched among causes too). */
    @ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.DETAIL);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS).body(problem);
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
