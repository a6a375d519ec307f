package org.stagedoor.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.store.StoreRefusals;

/**
 * Errors of the pages: something missing — or another partner company's, which must look the same — is a plain 404 page
 * that names nothing; a value the database cannot store, a 400 page; a database that cannot be reached, a 503 page
 * asking to try again.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        return "error/404";
    }

    /**
     * A value the database refused (a NUL character, too long), or a change its constraints refused, said in words
     * (StoreRefusals): 400; any other violation stays a failure.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String refusedValue(DataIntegrityViolationException ex, Model model) {
        if (!DatabaseOutage.refusedValue(ex)) {
            model.addAttribute("reason", StoreRefusals.sentence(ex).orElseThrow(() -> ex));
        }
        return "error/400";
    }

    @ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class })
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String databaseUnavailable(HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS);
        return "error/503";
    }

    /** A rollback that failed because its statement had lost the server is the outage too; any other, a failure. */
    @ExceptionHandler(TransactionSystemException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String rollbackAfterOutage(TransactionSystemException ex, HttpServletResponse response) {
        if (!DatabaseOutage.explains(ex)) {
            throw ex;
        }
        return databaseUnavailable(response);
    }
}
