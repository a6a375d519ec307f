package org.stagedoor.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.metrics.OperationsMeters;

/**
 * Counts sign-ins: every attempt is audited (a script's successful call with HTTP Basic as the API call it is);
 * failures slow down the address and the email address that make them ({@link SignInThrottle}). Every failure answers
 * the same (see {@link SecurityConfiguration}), so a pause tells an attacker nothing either. A sign-in that found no
 * free password check is neither right nor wrong: not counted.
 */
@Component
class LoginAttempts {

    private final AccountStore store;

    private final AuditLog audit;

    private final SignInThrottle throttle;

    private final OperationsMeters meters;

    private final TwoStepSignIn twoStep;

    LoginAttempts(AccountStore store, AuditLog audit, SignInThrottle throttle, OperationsMeters meters,
            TwoStepSignIn twoStep) {
        this.meters = meters;
        this.twoStep = twoStep;
        this.store = store;
        this.audit = audit;
        this.throttle = throttle;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StagedoorUser user && !user.isApiToken()) {
            store.loggedIn(user.email());
            // With two-step sign-in on, the wrong codes count until a right one: a right password must not wipe
            // them, or whoever has it could guess codes without end (TwoStepController clears them).
            if (!twoStep.isOn(user.accountId())) {
                throttle.cleared(user.email());
            }
            if (!(event.getAuthentication().getDetails() instanceof ApiCall)) {
                audit.record(user.email(), AuditLog.Kind.LOGIN_OK, user.partnerCompanyId(), null, null, "");
            }
        }
    }

    /**
     * A script's call of the API with HTTP Basic: it signs in on every call, so its success is audited as the call
     * ({@link ApiCallAudit}), with its request line and status, rather than as one login each. A failure still counts.
     */
    static final class ApiCall extends WebAuthenticationDetails {

        private static final long serialVersionUID = 1L;

        ApiCall(HttpServletRequest request) {
            super(request);
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (event.getException() instanceof PasswordChecks.Busy) {
            return;
        }
        meters.loginFailed();
        String email = String.valueOf(event.getAuthentication().getName());
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        if (address != null) {
            throttle.failed(address, email);
        }
        audit.record(email.length() > 200 ? email.substring(0, 200) : email, AuditLog.Kind.LOGIN_FAILED, null, null,
                null, event.getException().getClass().getSimpleName());
    }
}
