package org.stagedoor.security;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

import org.stagedoor.web.FilterRefusals;

/**
 * Refuses a sign-in that {@link SignInThrottle} says must wait, before its password is compared: the login form goes
 * back to the login page saying for how long, an API call answers 429 with {@code Retry-After}. A script that ignores
 * {@code Retry-After} and asks again at once gets its answer only after {@link #SLOW_DOWN}, without holding a request
 * thread meanwhile (an asynchronous request): fifty such scripts asking in a loop would otherwise keep every core busy
 * refusing them. Requests that are not sign-ins pass untouched.
 */
final class ThrottledSignIns extends OncePerRequestFilter {

    static final Duration SLOW_DOWN = Duration.ofSeconds(1);

    private final SignInThrottle throttle;

    private final TaskScheduler refusals;

    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    ThrottledSignIns(SignInThrottle throttle, TaskScheduler refusals) {
        this.throttle = throttle;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = HttpMethod.POST.matches(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/login");
        String email = form ? request.getParameter("username") : basicUser(request);
        Optional<Duration> wait = form || email != null ? throttle.waitBefore(request.getRemoteAddr(), email)
                : Optional.empty();
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
        if (form) {
            response.sendRedirect(request.getContextPath() + "/login?paused=" + minutes);
            return;
        }
        String detail = "Too many failed sign-ins. Try again in " + (minutes == 1 ? "a minute" : minutes + " minutes")
                + ", or reset the password.";
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.get().toSeconds())));
        AsyncContext later = request.startAsync();
        later.setTimeout(SLOW_DOWN.multipliedBy(10).toMillis());
        refusals.schedule(() -> {
            try {
                FilterRefusals.refuse(request, response, 429, "Too Many Requests", detail, null);
            }
            catch (IOException ex) {
                // The client went away meanwhile: nobody to tell.
            }
            finally {
                later.complete();
            }
        }, Instant.now().plus(SLOW_DOWN));
    }

    private String basicUser(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken presented = basic.convert(request);
            return presented == null ? null : presented.getName();
        }
        catch (AuthenticationException ex) {
            // A malformed header is refused by the Basic filter itself, with no password to compare.
            return null;
        }
    }

    /** A sign-in that found no free password check in time: try again in a moment. */
    static void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "2");
        FilterRefusals.refuse(request, response, 429, "Too Many Requests",
                "Too many sign-ins at once. Try again in a few seconds.", null);
    }
}
