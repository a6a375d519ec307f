package org.stagedoor.booking.secret;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The venue's one secret key: it encrypts what Stagedoor must keep but never show again (authenticator apps' secrets,
 * partners' SFTP passwords and keys, web-address secrets) and signs download links.
 *
 * @param key the key itself; empty: the key kept in {@code keyFile}, made there on first use (every node of a
 *         cluster must then be given the same key, by this setting)
 * @param keyFile where the key is kept when {@code key} is empty; unset: {@code ~/.stagedoor/secret.key}, beside the
 *         embedded database
 */
@ConfigurationProperties("stagedoor.secret")
public record SecretKeySettings(@DefaultValue("") String key, Path keyFile) {

    private static final int SHORTEST_KEY = 16;

    public SecretKeySettings {
        // Not a @DefaultValue: placeholders such as ${user.home} are not resolved there.
        if (keyFile == null) {
            keyFile = Path.of(System.getProperty("user.home"), ".stagedoor", "secret.key");
        }
        key = key.strip();
        if (!key.isEmpty() && key.length() < SHORTEST_KEY) {
            throw new IllegalArgumentException("stagedoor.secret.key must be at least " + SHORTEST_KEY
                    + " characters long");
        }
    }
}
