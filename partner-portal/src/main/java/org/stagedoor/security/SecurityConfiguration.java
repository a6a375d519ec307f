package org.stagedoor.security;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.stagedoor.web.DatabaseOutage;

/**
 * Who may reach what (R-5). Form login for people, HTTP Basic for scripts calling {@code /api/**}; roles
 * ADMIN (the console, {@code /admin/**}) and PARTNER_USER (the portal, {@code /portal/**}); CSRF on every
 * state-changing request made with a session; a new session id at login. A failed login answers the same
 * whether the email is unknown, the password wrong, or the account locked or disabled, and takes as long:
 * the account's own checks run only after its password hash has been compared. Partner API tokens
 * ({@code Authorization: Bearer}) have a chain of their own, tried first: {@link ApiTokenSecurity}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), payment=(), usb=()";

    /** The web side; a command run from the command line has no web server and no filter chain. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class WebSecurity {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            return SecurityConfiguration.securityFilterChain(http);
        }
    }

    /**
     * A request the firewall refuses (a path with {@code ;}, {@code %00}, {@code ..} encoded...) answers 400; under
     * {@code /api/} as a problem detail like every other refusal of the API, not an empty body.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"The request's address holds characters that are not allowed\"}");
            }
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt now, and whatever Spring Security recommends later, told apart by the hash's {id} prefix; checked
        // no more at once than there are cores (PasswordChecks).
        return new PasswordChecks(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                Runtime.getRuntime().availableProcessors());
    }

    @Bean
    AuthenticationManager authenticationManager(AccountDetailsService accounts, PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
        provider.setPasswordEncoder(passwordEncoder);
        provider.setPreAuthenticationChecks(user -> {
        });
        provider.setPostAuthenticationChecks(user -> {
            if (!user.isAccountNonLocked()) {
                throw new LockedException("locked");
            }
            if (!user.isEnabled()) {
                throw new DisabledException("disabled");
            }
        });
        return new ProviderManager(provider);
    }

    static SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        RequestMatcher scriptCall = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                && request.getHeader("Authorization") != null;
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/login", "/invitation", "/password-reset", "/password-reset/new", "/error",
                        "/assets/**", "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/admin/**", "/api/admin/**").hasRole("ADMIN")
                .requestMatchers("/portal/**", "/api/portal/**").hasRole("PARTNER_USER")
                // The API's description: the caller's own part, or the portal's; any other part is the whole API's.
                .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
                        "/v3/api-docs/portal", "/v3/api-docs.yaml/portal").authenticated()
                .requestMatchers("/v3/api-docs/**", "/v3/api-docs.yaml/**").hasRole("ADMIN")
                .anyRequest().authenticated())
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true)
                    .failureHandler(loginFailure()))
            .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
            .httpBasic(Customizer.withDefaults())
            // Scripts authenticate every call with HTTP Basic and hold no session, so there is no cookie to forge.
            .csrf(csrf -> csrf.ignoringRequestMatchers(scriptCall))
            .headers(SecurityConfiguration::headers)
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
            .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                    new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                    request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")));
        return http.build();
    }

    /**
     * On every answer, besides Spring Security's defaults ({@code X-Frame-Options: DENY},
     * {@code X-Content-Type-Options: nosniff}, no caching): pages run only the application's own script and style files
     * (no inline script or style attribute, so injected markup cannot run or restyle anything), are never framed, send
     * no address to other sites, and may not use the camera, microphone, location or payment (issue 13 item 10).
     */
    static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
            .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
    }

    /**
     * A wrong login goes back to the login page, saying so; a login that could not be checked because the database
     * is down answers 503 ("try again shortly"), rather than telling the person their password is wrong.
     */
    private static AuthenticationFailureHandler loginFailure() {
        AuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, exception) -> {
            if (DatabaseOutage.explains(exception)) {
                DatabaseOutage.respond(request, response);
            }
            else {
                wrong.onAuthenticationFailure(request, response, exception);
            }
        };
    }
}
