package org.stagedoor.portal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.security.StagedoorUser;

/**
 * {@code /runs/{id}/file}, the link in emailed messages and on the portal's pages: a partner user gets the files of
 * their company's runs only (any other answers 404, like a run that does not exist), an administrator any run's.
 * An expired file answers 410 Gone with a page saying so.
 */
@Controller
class RunFileController {

    private final PortalRuns runs;

    private final PortalTimes times;

    RunFileController(PortalRuns runs, PortalTimes times) {
        this.runs = runs;
        this.times = times;
    }

    @GetMapping("/runs/{id}/file")
    ResponseEntity<Resource> file(@AuthenticationPrincipal StagedoorUser user, @PathVariable long id,
            HttpServletRequest request) {
        return RunFileResponses.of(runs.download(user, id), request);
    }

    @ExceptionHandler(RunFileGone.class)
    ModelAndView gone(RunFileGone gone, @AuthenticationPrincipal StagedoorUser user) {
        ModelAndView page = new ModelAndView("error/410", HttpStatus.GONE);
        page.addObject("user", user);
        page.addObject("run", gone.run());
        page.addObject("report", runs.reportOf(gone.run()));
        page.addObject("expiredOn", times.day(gone.run().expiresAt()));
        return page;
    }
}
