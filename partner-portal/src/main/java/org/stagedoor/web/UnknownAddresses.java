package org.stagedoor.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address nothing answers (no handler at all, or no static file under {@code /assets/}): no controller is
 * involved, so only an advice for every handler sees it. Under
 * {@code /api/} a 404 problem detail like the API's other refusals (Spring Boot's own error answer would be another
 * shape and repeat the address sent); a page, the container's 404 page (security/ErrorPageViews).
 */
@ControllerAdvice
class UnknownAddresses {

    @ExceptionHandler({ NoHandlerFoundException.class, NoResourceFoundException.class })
    void nothingHere(HttpServletRequest request, HttpServletResponse response) throws IOException {
        FilterRefusals.refuse(request, response, HttpStatus.NOT_FOUND.value(), "Not Found",
                "There is nothing at this address.", null);
    }
}
