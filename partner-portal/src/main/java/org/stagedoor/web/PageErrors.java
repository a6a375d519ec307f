package org.stagedoor.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import org.stagedoor.booking.NotFoundException;

/**
 * Errors of the pages: something missing — or another partner company's, which must look the same —
 * is a plain 404 page that names nothing.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        return "error/404";
    }
}
