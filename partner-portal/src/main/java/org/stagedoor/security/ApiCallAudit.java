package org.stagedoor.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import org.stagedoor.audit.AuditLog;

/**
 * Audits every call of the API made by a script, with a token or with HTTP Basic, with its answer's status, once it
 * has been answered: one {@code API_CALL} entry per call, naming the request line, so the log says which data a
 * script fetched. A call that failed to authenticate never gets here; it is a failed sign-in ({@link LoginAttempts}).
 */
final class ApiCallAudit extends OncePerRequestFilter {

    private final AuditLog audit;

    ApiCallAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** A scrape of the metrics is no call of the API: auditing it would add an entry every few seconds. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext()
                .getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof StagedoorUser caller)) {
            chain.doFilter(request, response);
            return;
        }
        boolean answered = false;
        try {
            chain.doFilter(request, response);
            answered = true;
        }
        finally {
            audit.record(caller.email(), AuditLog.Kind.API_CALL, caller.partnerCompanyId(), null, null,
                    request.getMethod() + " " + request.getRequestURI() + " "
                            + (answered ? Integer.toString(response.getStatus()) : "failed"),
                    caller.apiTokenId());
        }
    }
}
