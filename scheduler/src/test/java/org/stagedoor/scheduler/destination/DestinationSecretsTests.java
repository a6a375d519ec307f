package org.stagedoor.scheduler.destination;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.stagedoor.booking.secret.SecretKey;
import org.stagedoor.booking.secret.SecretKeySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Destinations' secrets at rest: never stored as typed, and a value under another key is said to need that key. */
class DestinationSecretsTests {

    @Test
    void aSecretIsStoredEncryptedAndReadBack() {
        DestinationSecrets secrets = secrets("one key of sixteen chars");

        String encrypted = secrets.encrypt("correct horse battery staple");

        assertThat(encrypted).matches("[0-9a-f]+").doesNotContain("correct");
        assertThat(secrets.encrypt("correct horse battery staple")).isNotEqualTo(encrypted);
        assertThat(secrets("one key of sixteen chars").decrypt(encrypted)).isEqualTo("correct horse battery staple");
    }

    @Test
    void aValueEncryptedUnderAnotherKeyIsSaidToNeedThatKey() {
        String encrypted = secrets("one key of sixteen chars").encrypt("secret");

        assertThatThrownBy(() -> secrets("another key of sixteen").decrypt(encrypted))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A destination's secret cannot be decrypted: the key of stagedoor.secret.key"
                        + " is not the one it was encrypted with");
    }

    private static DestinationSecrets secrets(String key) {
        return new DestinationSecrets(new SecretKey(new SecretKeySettings(key, Path.of("unused"))));
    }
}
