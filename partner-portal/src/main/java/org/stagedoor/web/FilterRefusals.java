package org.stagedoor.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/**
 * A request refused by a servlet filter, before Spring MVC and its exception handlers are reached: the API gets a
 * problem detail (RFC 9457) as {@link ApiErrors} would have written it, a page the container's error page.
 */
public final class FilterRefusals {

    private FilterRefusals() {
    }

    /** {@code pageMessage}: the message handed to the error page, or null for none. */
    public static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String detail, String pageMessage) throws IOException {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            // Title and detail are the filters' own constant sentences, with no character JSON would escape.
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\"}");
        }
        else if (pageMessage == null) {
            response.sendError(status);
        }
        else {
            response.sendError(status, pageMessage);
        }
    }
}
