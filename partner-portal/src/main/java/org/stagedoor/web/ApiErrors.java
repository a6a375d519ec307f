package org.stagedoor.web;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;

/**
 * Errors of the JSON API as RFC 9457 problem details: a refused request answers 400 with one entry per
 * field ({@code errors: [{field, message}]}); something missing — or belonging to another partner
 * company, which must look the same — answers 404 with no detail.
 */
@RestControllerAdvice(annotations = ApiController.class)
// Before PageErrors, which applies to API controllers too (a @RestController is a @Controller): not left to the
// order the two were found in.
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

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
}
