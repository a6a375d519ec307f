package org.stagedoor.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;


/**
 * The container's error pages (a page refused by Spring Security, an address that leads nowhere, a failure nobody
 * caught): templates/error/{status}.html where there is one, error/500 for any failure, error.html for the rest. The
 * page is given only who is signed in (for the header, and to point them to their own pages) and, for a 403,
 * whether it was a form posted with a stale token: never Spring's error attributes, so no exception, message or path
 * can reach a page even from a careless template. Here, beside the accounts, since it needs to know who is signed in.
 */
@Component
class ErrorPageViews implements ErrorViewResolver {

    private static final Set<Integer> OWN_PAGES = Set.of(400, 403, 404, 500, 503);

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String view = OWN_PAGES.contains(status.value()) ? "error/" + status.value()
                : status.is5xxServerError() ? "error/500" : "error";
        Map<String, Object> page = new HashMap<>();
        page.put("user", signedIn());
        page.put("staleForm", request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException);
        return new ModelAndView(view, page, status);
    }

    private static StagedoorUser signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof StagedoorUser user
                && !user.isApiToken() ? user : null;
    }
}
