package org.stagedoor.admin;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.scheduler.delivery.DevMailbox;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.Words;

/**
 * What every console page has: the administrator (for the header), the formats, whether the dev mailbox
 * exists (for the menu); and the answer to an action that cannot be done (restarting a run that is not
 * failed, say): 400 with every reason. Forms answer their own refusals next to their fields.
 */
@ControllerAdvice(basePackageClasses = AdminPages.class)
class AdminPages {

    private final ConsoleFormat format;

    private final ObjectProvider<DevMailbox> mailbox;

    AdminPages(VenueProperties venue, ObjectProvider<DevMailbox> mailbox) {
        this.format = new ConsoleFormat(venue.timeZone());
        this.mailbox = mailbox;
    }

    @ModelAttribute("user")
    StagedoorUser user(@AuthenticationPrincipal StagedoorUser user) {
        return user;
    }

    @ModelAttribute("fmt")
    ConsoleFormat format() {
        return format;
    }

    @ModelAttribute("hasMailbox")
    boolean hasMailbox() {
        return mailbox.getIfAvailable() != null;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ModelAndView refused(InvalidRequestException ex) {
        return refusal(ex.errors().stream().map(error -> Words.field(error.field()) + ": " + error.message()).toList());
    }

    @ExceptionHandler(InvalidBookingRequest.class)
    ModelAndView refused(InvalidBookingRequest ex) {
        return refusal(List.of(ex.words()));
    }

    private ModelAndView refusal(List<String> reasons) {
        ModelAndView page = new ModelAndView("admin/refused");
        page.addObject("reasons", reasons);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        page.addObject("user", authentication != null && authentication.getPrincipal() instanceof StagedoorUser user
                ? user : null);
        page.addObject("fmt", format);
        page.addObject("hasMailbox", hasMailbox());
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }
}
