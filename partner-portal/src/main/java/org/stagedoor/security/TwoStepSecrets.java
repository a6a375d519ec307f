package org.stagedoor.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Component;

import org.stagedoor.booking.secret.SecretKey;

/**
 * Encrypts the authenticator apps' secrets before they are stored (AES-GCM with a random nonce), under a key of their
 * own derived from the venue's secret key, which is kept outside the database: a copy of the database alone cannot
 * make anyone's codes.
 */
@Component
class TwoStepSecrets {

    private static final String PURPOSE = "stagedoor-two-step";

    private final SecretKey key;

    TwoStepSecrets(SecretKey key) {
        this.key = key;
    }

    String seal(String secret) {
        return Base64.getEncoder().encodeToString(
                key.encryptor(PURPOSE).encrypt(secret.getBytes(StandardCharsets.UTF_8)));
    }

    String open(String sealed) {
        return new String(key.encryptor(PURPOSE).decrypt(Base64.getDecoder().decode(sealed)), StandardCharsets.UTF_8);
    }
}
