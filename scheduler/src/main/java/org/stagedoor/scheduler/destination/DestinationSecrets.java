package org.stagedoor.scheduler.destination;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

import org.stagedoor.booking.secret.SecretKey;

/**
 * Encrypts destinations' secrets at rest and signs download links, each under a key of its own derived from the
 * venue's one secret key.
 */
@Component
class DestinationSecrets {

    private final SecretKey key;

    DestinationSecrets(SecretKey key) {
        this.key = key;
    }

    /** AES-256-GCM with a random nonce per value, in hex. */
    String encrypt(String clear) {
        return clear == null ? null : HexFormat.of().formatHex(
                key.encryptor("stagedoor destinations").encrypt(clear.getBytes(StandardCharsets.UTF_8)));
    }

    String decrypt(String encrypted) {
        try {
            return encrypted == null ? null : new String(key.encryptor("stagedoor destinations")
                    .decrypt(HexFormat.of().parseHex(encrypted)), StandardCharsets.UTF_8);
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("A destination's secret cannot be decrypted: the key of"
                    + " stagedoor.secret.key is not the one it was encrypted with", ex);
        }
    }

    /** HMAC-SHA256 of {@code text} under the key for links, kept apart from the encryption key's use. */
    byte[] signLink(String text) {
        return SecretKey.hmac(key.derived("stagedoor download links"), text.getBytes(StandardCharsets.UTF_8));
    }
}
