package org.stagedoor.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import org.stagedoor.audit.AuditLog;

/**
 * Counts sign-ins: every attempt is audited; failures slow down the address and the email address that make them
 * ({@link SignInThrottle}). Every failure answers the same (see {@link SecurityConfiguration}), so a pause tells an
 * attacker nothing either. A sign-in that found no free password check is neither right nor wrong: not counted.
 */
@Component
class LoginAttempts {

    private final AccountStore store;

    private final AuditLog audit;

    private final SignInThrottle throttle;

    LoginAttempts(AccountStore store, AuditLog audit, SignInThrottle throttle) {
        this.store = store;
        this.audit = audit;
        this.throttle = throttle;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StagedoorUser user && !user.isApiToken()) {
            store.loggedIn(user.email());
            throttle.cleared(user.email());
            audit.record(user.email(), AuditLog.Kind.LOGIN_OK, user.partnerCompanyId(), null, null, "");
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (event.getException() instanceof PasswordChecks.Busy) {
            return;
        }
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
