package org.stagedoor.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Logins, single-use links and partner API tokens.
 *
 * @param pauseAfterFailures failed sign-ins in a row with one email address after which signing in with it pauses
 * @param firstPause how long the first pause lasts; each later one lasts twice as long as the one before
 * @param longestPause the longest a pause lasts
 * @param failuresRememberedFor how long failures in a row are remembered; after that the count starts again
 * @param addressFailures failed sign-ins one client address may make in a burst before it is slowed down
 * @param addressRefill after the burst, one more failed sign-in is allowed per this
 * @param passwordCheckWait the longest a sign-in waits for a free password check before it is told to try again
 * @param resetMailsPerAccount password-reset mails one account is sent per {@code resetWindow} at most
 * @param resetRequestsPerAddress password-reset requests one client address may make per {@code resetWindow}
 * @param resetWindow the window of the two limits above
 * @param invitationValidFor how long an invitation link works
 * @param passwordResetValidFor how long a password-reset link works
 * @param minPasswordLength the shortest password accepted
 * @param apiTokenValidFor how long a partner API token works when the administrator issuing it does not say
 * @param apiTokenMaxValidFor the longest an administrator may let a partner API token work
 */
@ConfigurationProperties("stagedoor.security")
public record SecuritySettings(
        @DefaultValue("5") int pauseAfterFailures,
        @DefaultValue("1m") Duration firstPause,
        @DefaultValue("15m") Duration longestPause,
        @DefaultValue("24h") Duration failuresRememberedFor,
        @DefaultValue("20") int addressFailures,
        @DefaultValue("1m") Duration addressRefill,
        @DefaultValue("1s") Duration passwordCheckWait,
        @DefaultValue("3") int resetMailsPerAccount,
        @DefaultValue("10") int resetRequestsPerAddress,
        @DefaultValue("1h") Duration resetWindow,
        @DefaultValue("7d") Duration invitationValidFor,
        @DefaultValue("1h") Duration passwordResetValidFor,
        @DefaultValue("12") int minPasswordLength,
        @DefaultValue("90d") Duration apiTokenValidFor,
        @DefaultValue("365d") Duration apiTokenMaxValidFor) {
}
