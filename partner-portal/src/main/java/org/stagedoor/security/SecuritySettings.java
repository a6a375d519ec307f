package org.stagedoor.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Logins, single-use links and partner API tokens.
 *
 * @param maxFailedLogins failed logins in a row after which an account is locked
 * @param lockFor how long a locked account stays locked
 * @param invitationValidFor how long an invitation link works
 * @param passwordResetValidFor how long a password-reset link works
 * @param minPasswordLength the shortest password accepted
 * @param apiTokenValidFor how long a partner API token works when the administrator issuing it does not say
 * @param apiTokenMaxValidFor the longest an administrator may let a partner API token work
 */
@ConfigurationProperties("stagedoor.security")
public record SecuritySettings(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockFor,
        @DefaultValue("7d") Duration invitationValidFor,
        @DefaultValue("1h") Duration passwordResetValidFor,
        @DefaultValue("12") int minPasswordLength,
        @DefaultValue("90d") Duration apiTokenValidFor,
        @DefaultValue("365d") Duration apiTokenMaxValidFor) {
}
