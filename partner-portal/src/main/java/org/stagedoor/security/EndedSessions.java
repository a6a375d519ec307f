package org.stagedoor.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose account was disabled or whose password was set or reset since it logged in, on its next
 * request, on whichever node it lands: the request goes on as anonymous, so a page sends it to the login page and the
 * API answers 401. One look-up by primary key per request made with a session (not for the style sheet and scripts).
 */
final class EndedSessions extends OncePerRequestFilter {

    private final AccountStore store;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    EndedSessions(AccountStore store) {
        this.store = store;
    }

    /** The style sheet and scripts are the same for everyone: no look-up for them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/assets/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StagedoorUser user && !user.isApiToken()
                && !store.sessionStands(user.accountId(), user.credentialsVersion())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            contexts.clearContext();
        }
        chain.doFilter(request, response);
    }
}
