package org.stagedoor.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose declared body is larger than {@code stagedoor.web.max-request-size} with 413, before
 * anything reads it. Tomcat bounds form posts ({@code server.tomcat.max-http-form-post-size}) but not JSON
 * bodies: a 10 MB JSON string would otherwise be read, parsed and handed to the services whole. No request of
 * Stagedoor's needs more than a few kilobytes (the largest is a customer list's definition).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeLimit extends OncePerRequestFilter {

    private final DataSize limit;

    RequestSizeLimit(@Value("${stagedoor.web.max-request-size:1MB}") DataSize limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= limit.toBytes()) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "The request's body is larger than " + limit.toKilobytes() + " KB";
        FilterRefusals.refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Content Too Large",
                detail, detail);
    }
}
