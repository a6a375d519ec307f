package org.stagedoor.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import org.stagedoor.audit.AuditLog;

/**
 * The partner API called with a token: a request under {@code /api/} carrying
 * {@code Authorization: Bearer <token>} goes through this filter chain, ahead of the people's
 * ({@link SecurityConfiguration}). The token authenticates every call and nothing is kept between calls — no
 * session, no cookie — so there is nothing for CSRF to forge. A token acts as a partner user of its company
 * ({@link StagedoorUser#apiToken}), so the portal's API scopes it exactly as it scopes a person, and it reaches
 * that API only; a venue system token ({@link StagedoorUser#venueSystem}) reaches the booking API
 * ({@code /api/booking}) only, which no partner token reaches. Every call is audited with its status; a token
 * unknown, revoked or expired answers 401 as a problem detail, the same for all three.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiTokenSecurity {

    private static final String BEARER = "Bearer ";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain apiTokenFilterChain(HttpSecurity http, ApiTokens tokens, AuditLog audit, JsonMapper json)
            throws Exception {
        AuthenticationEntryPoint unauthorised = (request, response, ex) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problem(json, response, HttpStatus.UNAUTHORIZED,
                    "The API token is unknown, revoked or expired. Ask the venue for a new one.");
        };
        AccessDeniedHandler forbidden = (request, response, ex) -> problem(json, response, HttpStatus.FORBIDDEN,
                venueSystem() ? "A venue system token reaches the booking API (/api/booking) only."
                        : "An API token reaches the partner API (/api/portal) only.");
        AuthenticationManager manager = authentication -> {
            Presented presented = (Presented) authentication;
            StagedoorUser caller = tokens.authenticate(presented.token, presented.request);
            return UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.getAuthorities());
        };
        AuthenticationFilter authentication = new AuthenticationFilter(manager,
                request -> new Presented(token(request), request.getMethod() + " " + request.getRequestURI()));
        // Carry on with the request (the default would redirect, as after a login form).
        authentication.setSuccessHandler((request, response, authenticated) -> {
        });
        authentication.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorised));
        http.securityMatcher(request -> token(request) != null
                        && request.getRequestURI().startsWith(request.getContextPath() + "/api/"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/portal/**").hasRole("PARTNER_USER")
                        .requestMatchers("/api/booking/**").hasRole("VENUE_SYSTEM")
                        .anyRequest().denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(SecurityConfiguration::headers)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorised)
                        .accessDeniedHandler(forbidden))
                .addFilterAt(authentication, BasicAuthenticationFilter.class)
                // Before the exception translation, so that a refusal by authorisation is audited with its 403.
                .addFilterBefore(new ApiCallAudit(audit), ExceptionTranslationFilter.class);
        return http.build();
    }

    /** Whether this request's caller is a venue system token. */
    private static boolean venueSystem() {
        return SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof StagedoorUser caller
                && caller.isVenueSystem();
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    private static String token(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static void problem(JsonMapper json, HttpServletResponse response,
            HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(problem));
    }

    /** A token as presented, before it is checked; the request line goes to the audit log if it is refused. */
    private static final class Presented extends AbstractAuthenticationToken {

        private static final long serialVersionUID = 1L;

        private final String token;

        private final String request;

        Presented(String token, String request) {
            super(List.of());
            this.token = token;
            this.request = request;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "api-token";
        }
    }
}
