package org.stagedoor.scheduler.destination;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Destinations' secrets and how their deliveries talk to partners' servers.
 *
 * @param secretKey the key that encrypts destinations' passwords, private keys and secrets and signs download
 *         links; empty: the key kept in {@code secretKeyFile}, made there on first use (every node of a cluster
 *         must then be given the same key, by this setting)
 * @param secretKeyFile where the key is kept when {@code secretKey} is empty; unset: in {@code .stagedoor} of the
 *         user's home folder, beside the embedded database
 * @param linkValidity how long the download link a web address is given can be followed
 * @param connectTimeout longest wait to reach a partner's server
 * @param readTimeout longest wait for a partner's server to answer a request
 */
@ConfigurationProperties("stagedoor.destinations")
public record DestinationSettings(
        @DefaultValue("") String secretKey,
        Path secretKeyFile,
        @DefaultValue("72h") Duration linkValidity,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {

    private static final int SHORTEST_KEY = 16;

    public DestinationSettings {
        // Not a @DefaultValue: placeholders such as ${user.home} are not resolved there.
        if (secretKeyFile == null) {
            secretKeyFile = Path.of(System.getProperty("user.home"), ".stagedoor", "destination-secret.key");
        }
        if (!secretKey.isEmpty() && secretKey.length() < SHORTEST_KEY) {
            throw new IllegalArgumentException("stagedoor.destinations.secret-key must be at least " + SHORTEST_KEY
                    + " characters long");
        }
        if (linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalArgumentException("stagedoor.destinations.link-validity must be longer than nothing");
        }
    }
}
