package org.stagedoor.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the application answers while its database cannot be reached (down, restarting, or its pool out of
 * connections for longer than {@code spring.datasource.hikari.connection-timeout}): 503 with {@code Retry-After},
 * a problem detail under {@code /api/}, the "try again shortly" page elsewhere — never a 500 with a stack trace.
 * Controllers' failures are answered by {@link ApiErrors} and {@link PageErrors}; this filter, first in the chain,
 * answers those that arise outside a controller (the security filters reading an account or an API token).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseOutage extends OncePerRequestFilter {

    /** Seconds a client is asked to wait: a restarting PostgreSQL is usually back within this. */
    static final String RETRY_AFTER_SECONDS = "30";

    static final String DETAIL = "The database cannot be reached just now. Nothing was changed; try again shortly.";

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    /** Whether the failure, or one of its causes, says the database could not be reached. */
    public static boolean explains(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            if (each instanceof DataAccessResourceFailureException
                    || each instanceof TransientDataAccessResourceException
                    || each instanceof CannotCreateTransactionException
                    || each instanceof SQLTransientConnectionException
                    // SQL state class 08: connection exception (PostgreSQL's driver when the server went away).
                    || each instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // A statement failed on a connection the server had just dropped, and the rollback then failed on it
            // too: what happened is the statement's failure, kept aside from the rollback's.
            if (each instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && explains(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the database refused a value itself, as no check before it did: a NUL character (PostgreSQL's text
     * cannot hold one, SQL state 22021) or a value longer than its column (22001). That is the request's fault: 400,
     * not 500.
     */
    static boolean refusedValue(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            if (each instanceof SQLException sql && ("22021".equals(sql.getSQLState())
                    || "22001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static final String REFUSED_VALUE = "A value cannot be stored: it holds a NUL character or is too long";

    /** Answers 503 for a request that failed on the database: the problem detail or the error page. */
    public static void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        // A page: the container forwards to /error, which renders templates/error/503.html.
        FilterRefusals.refuse(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable",
                DETAIL, null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        }
        catch (ServletException | RuntimeException ex) {
            if (!explains(ex) || response.isCommitted()) {
                throw ex;
            }
            log.warn("{} {} answered 503, the database cannot be reached: {}", request.getMethod(),
                    request.getRequestURI(), ex.toString());
            response.resetBuffer();
            respond(request, response);
        }
    }
}
