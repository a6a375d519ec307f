package org.stagedoor.security;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import org.stagedoor.audit.AuditLog;

/**
 * Counts logins: every attempt is audited; failures in a row lock the account for a while. Every failure
 * answers the same (see {@link SecurityConfiguration}), so the lock tells an attacker nothing either.
 */
@Component
class LoginAttempts {

    private final AccountStore store;

    private final AuditLog audit;

    private final SecuritySettings settings;

    private final Clock clock;

    LoginAttempts(AccountStore store, AuditLog audit, SecuritySettings settings, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StagedoorUser user) {
            store.loggedIn(user.email());
            audit.record(user.email(), AuditLog.Kind.LOGIN_OK, user.partnerCompanyId(), null, null, "");
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String email = String.valueOf(event.getAuthentication().getName());
        store.failedLogin(email, settings.maxFailedLogins(), clock.instant().plus(settings.lockFor()));
        audit.record(email.length() > 200 ? email.substring(0, 200) : email, AuditLog.Kind.LOGIN_FAILED, null, null,
                null, event.getException().getClass().getSimpleName());
    }
}
