package org.stagedoor.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import org.stagedoor.web.FilterRefusals;

/**
 * Holds a person who has given their password at the second step until it is done: with two-step sign-in on, only
 * the page asking for the code (or a recovery code) opens; with it required and not set up yet, only the page that
 * sets it up. Any other page sends them there, the API answers 401. Whatever signed them in (the login form, a
 * password set through an emailed link) passes here. The session remembers that the step is done, so the look-up
 * is made once per session; a requirement switched on later applies from the next sign-in. API tokens never pass
 * here. For scripts signing in with HTTP Basic ({@link #forScripts}), a person with two-step sign-in is refused the
 * API altogether: a password alone must not reach what the second step protects.
 */
final class TwoStepGate extends OncePerRequestFilter {

    /** The session attribute naming the account whose second step is done (or that needs none). */
    static final String PASSED = TwoStepGate.class.getName() + ".PASSED";

    static final String CODE_PAGE = "/sign-in/code";

    static final String RECOVERY_PAGE = "/sign-in/recovery";

    static final String SETUP_PAGE = "/two-step/setup";

    private static final Set<String> ALWAYS_OPEN = Set.of("/logout", "/login", "/error");

    private final TwoStepSignIn twoStep;

    private final boolean scripts;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    private TwoStepGate(TwoStepSignIn twoStep, boolean scripts) {
        this.twoStep = twoStep;
        this.scripts = scripts;
    }

    /** For people's sessions. */
    static TwoStepGate forPeople(TwoStepSignIn twoStep) {
        return new TwoStepGate(twoStep, false);
    }

    /** For scripts calling the API with HTTP Basic; a scrape of the metrics is let through (no personal data). */
    static TwoStepGate forScripts(TwoStepSignIn twoStep) {
        return new TwoStepGate(twoStep, true);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return path(request).startsWith("/assets/") || scripts && !path(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof StagedoorUser user)
                || user.isApiToken()) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null && Long.valueOf(user.accountId()).equals(session.getAttribute(PASSED))) {
            chain.doFilter(request, response);
            return;
        }
        TwoStepSignIn.Step step = twoStep.stepAfterPassword(user);
        if (step == TwoStepSignIn.Step.NONE) {
            if (session != null) {
                session.setAttribute(PASSED, user.accountId());
            }
            chain.doFilter(request, response);
            return;
        }
        if (scripts) {
            FilterRefusals.refuse(request, response, HttpStatus.UNAUTHORIZED.value(), "Unauthorized",
                    "This account uses two-step sign-in, so a script cannot sign in with its password alone. "
                            + "Call the partner API with an API token instead.", null);
            return;
        }
        String path = path(request);
        boolean open = ALWAYS_OPEN.contains(path) || (step == TwoStepSignIn.Step.CODE
                ? path.equals(CODE_PAGE) || path.equals(RECOVERY_PAGE) : path.equals(SETUP_PAGE));
        if (open) {
            chain.doFilter(request, response);
        }
        else if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
            FilterRefusals.refuse(request, response, HttpStatus.UNAUTHORIZED.value(), "Unauthorized",
                    "Finish signing in first: the second step of two-step sign-in is not done.", null);
        }
        else {
            response.sendRedirect(request.getContextPath()
                    + (step == TwoStepSignIn.Step.CODE ? CODE_PAGE : SETUP_PAGE));
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
