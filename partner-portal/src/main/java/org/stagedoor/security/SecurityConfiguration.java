package org.stagedoor.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadPoolExecutor;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.web.DatabaseOutage;
import org.stagedoor.web.FilterRefusals;

/**
 * Who may reach what (R-5). Form login for people, HTTP Basic for scripts calling {@code /api/**}; roles
 * ADMIN (the console, {@code /admin/**}) and PARTNER_USER (the portal, {@code /portal/**}); CSRF on every
 * state-changing request made with a session; a new session id at login. A failed login answers the same
 * whether the email is unknown, the password wrong, or the account disabled, and takes as long:
 * the account's own checks run only after its password hash has been compared. Three filter chains, tried in order:
 * partner API tokens ({@code Authorization: Bearer}, {@link ApiTokenSecurity}), scripts calling the API with HTTP
 * Basic, and Prometheus scraping {@code /actuator/prometheus} as an administrator (no session: every call is
 * authenticated by its own header, so there is no cookie to forge and no CSRF token to ask for; each call is audited as
 * an API call, not as a login: {@link ApiCallAudit}), and people (sessions, CSRF). Sign-ins are throttled before their
 * password is compared ({@link SignInThrottle}), and a session ends on its next request once its account is disabled or
 * its password set ({@link EndedSessions}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    /** The one thread that writes password-reset mails, after their requests have been answered. */
    static final String RESET_MAILS = "passwordResetMails";

    /** The one thread that answers throttled sign-ins, a while after they were made. */
    static final String SIGN_IN_REFUSALS = "signInRefusals";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final AccessDeniedHandler PAGE_DENIED = new AccessDeniedHandlerImpl();

    private static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), payment=(), usb=()";

    /** The web side; a command run from the command line has no web server and no filter chain. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class WebSecurity {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 1)
        SecurityFilterChain basicApiFilterChain(HttpSecurity http, SignInThrottle throttle, AuditLog audit,
                TwoStepSignIn twoStep, @Qualifier(SIGN_IN_REFUSALS) TaskScheduler refusals) throws Exception {
            // No WWW-Authenticate challenge: a browser shown one would keep the credentials and send them with
            // every later request to the site, forged ones included.
            AuthenticationEntryPoint refused = (request, response, ex) -> {
                if (ex instanceof PasswordChecks.Busy) {
                    ThrottledSignIns.busy(request, response);
                }
                else {
                    FilterRefusals.refuse(request, response, HttpStatus.UNAUTHORIZED.value(), "Unauthorized",
                            "The email or password is wrong, or the account cannot sign in just now.", null);
                }
            };
            // Prometheus scrapes with HTTP Basic too, as an administrator (its metrics say how busy the venue is).
            http.securityMatcher(request -> (api(request) || metrics(request)) && basic(request));
            authorise(http)
                    // Marked as a script's call, so that its success is audited as the API call it is, not as a login.
                    .httpBasic(basic -> basic.authenticationEntryPoint(refused)
                            .authenticationDetailsSource(LoginAttempts.ApiCall::new))
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(csrf -> csrf.disable())
                    .requestCache(cache -> cache.disable())
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refused)
                            .accessDeniedHandler(SecurityConfiguration::denied))
                    .addFilterBefore(new ThrottledSignIns(throttle, refusals), BasicAuthenticationFilter.class)
                    // Before the exception translation, so that a refusal by authorisation is audited with its 403.
                    .addFilterBefore(new ApiCallAudit(audit), ExceptionTranslationFilter.class)
                    // After the audit (filters of one position keep the order they were added in): audited too.
                    .addFilterBefore(TwoStepGate.forScripts(twoStep), ExceptionTranslationFilter.class);
            return http.build();
        }

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 2)
        SecurityFilterChain securityFilterChain(HttpSecurity http, SignInThrottle throttle, AccountStore accounts,
                TwoStepSignIn twoStep, @Qualifier(SIGN_IN_REFUSALS) TaskScheduler refusals) throws Exception {
            authorise(http)
                    .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true)
                            .failureHandler(loginFailure()))
                    .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                    .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                    .exceptionHandling(exceptions -> exceptions
                            .accessDeniedHandler(SecurityConfiguration::denied)
                            // The API and its description answer 401; a page sends the person to the login page.
                            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                    request -> api(request) || metrics(request) || request.getRequestURI()
                                            .startsWith(request.getContextPath() + "/v3/api-docs"))
                            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                    AnyRequestMatcher.INSTANCE))
                    .addFilterBefore(new ThrottledSignIns(throttle, refusals),
                            UsernamePasswordAuthenticationFilter.class)
                    // After the CSRF check, so that a request of an ended session is refused as unauthenticated.
                    .addFilterBefore(new EndedSessions(accounts), AnonymousAuthenticationFilter.class)
                    // After the ended sessions: a person whose password is right waits here for the second step.
                    .addFilterBefore(TwoStepGate.forPeople(twoStep), AnonymousAuthenticationFilter.class);
            return http.build();
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
            if (api(request)) {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"The request's address holds characters that are not allowed\"}");
            }
        };
    }

    /**
     * One thread and a bounded queue: each client may ask for a few mails an hour ({@link SignInThrottle}), so a full
     * queue means a flood from many addresses, whose surplus is dropped rather than held in memory.
     */
    @Bean(name = RESET_MAILS, defaultCandidate = false)
    ThreadPoolTaskExecutor passwordResetMails() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("reset-mail-");
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(1_000);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        return executor;
    }

    @Bean(name = SIGN_IN_REFUSALS, defaultCandidate = false)
    ThreadPoolTaskScheduler signInRefusals() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("sign-in-refusal-");
        scheduler.setPoolSize(1);
        return scheduler;
    }

    @Bean
    PasswordEncoder passwordEncoder(SecuritySettings settings) {
        // bcrypt now, and whatever Spring Security recommends later, told apart by the hash's {id} prefix; checked
        // no more at once than there are cores (PasswordChecks).
        return new PasswordChecks(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                Runtime.getRuntime().availableProcessors(), settings.passwordCheckWait());
    }

    @Bean
    AuthenticationManager authenticationManager(AccountDetailsService accounts, PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
        provider.setPasswordEncoder(passwordEncoder);
        provider.setPreAuthenticationChecks(user -> {
        });
        provider.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("disabled");
            }
        });
        return new ProviderManager(provider);
    }

    /** The same rules in the Basic and the people's chains. */
    private static HttpSecurity authorise(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/login", "/invitation", "/password-reset", "/password-reset/new", "/error",
                        "/assets/**", "/actuator/health", "/actuator/health/**").permitAll()
                // A web address's download link: its signature, expiry and single use are its key (DeliveryLinks).
                .requestMatchers("/deliveries/*/file").permitAll()
                .requestMatchers("/actuator/**").hasRole("ADMIN")
                .requestMatchers("/admin/**", "/api/admin/**").hasRole("ADMIN")
                .requestMatchers("/portal/**", "/api/portal/**").hasRole("PARTNER_USER")
                // The booking API takes a venue system token only, which no person holds (ApiTokenSecurity).
                .requestMatchers("/api/booking/**").hasRole("VENUE_SYSTEM")
                // The API's description: the caller's own part, or the portal's; any other part is the whole API's.
                .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
                        "/v3/api-docs/portal", "/v3/api-docs.yaml/portal").authenticated()
                .requestMatchers("/v3/api-docs/**", "/v3/api-docs.yaml/**").hasRole("ADMIN")
                .anyRequest().authenticated())
            .headers(SecurityConfiguration::headers);
    }

    /**
     * A signed-in account refused: the API answers a problem detail; a page, the container's 403 page (a partner user
     * opening the console is sent on to the portal there, and a form posted from an ended session is told to reload).
     */
    private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (!api(request)) {
            // For the error page; Spring's handler keeps it only when it forwards to a page of its own.
            request.setAttribute(WebAttributes.ACCESS_DENIED_403, denied);
            PAGE_DENIED.handle(request, response, denied);
        }
        else if (denied instanceof CsrfException) {
            FilterRefusals.refuse(request, response, HttpStatus.FORBIDDEN.value(), "Forbidden",
                    "The request carries no valid form token: reload the page and try again.", null);
        }
        else {
            FilterRefusals.refuse(request, response, HttpStatus.FORBIDDEN.value(), "Forbidden",
                    "This account may not use this part of the API.", null);
        }
    }

    private static boolean api(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    private static boolean metrics(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
    }

    private static boolean basic(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * On every answer, besides Spring Security's defaults ({@code X-Frame-Options: DENY},
     * {@code X-Content-Type-Options: nosniff}, no caching): pages run only the application's own script and style files
     * (no inline script or style attribute, so injected markup cannot run or restyle anything), are never framed, send
     * no address to other sites, and may not use the camera, microphone, location or payment.
     */
    static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
    }

    /**
     * A wrong login goes back to the login page, saying so; a login that could not be checked because the database
     * is down answers 503 ("try again shortly"), rather than telling the person their password is wrong; one that
     * found no free password check in time is asked to try again in a moment.
     */
    private static AuthenticationFailureHandler loginFailure() {
        AuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, exception) -> {
            if (DatabaseOutage.explains(exception)) {
                DatabaseOutage.respond(request, response);
            }
            else if (exception instanceof PasswordChecks.Busy) {
                response.sendRedirect(request.getContextPath() + "/login?busy");
            }
            else {
                wrong.onAuthenticationFailure(request, response, exception);
            }
        };
    }
}
