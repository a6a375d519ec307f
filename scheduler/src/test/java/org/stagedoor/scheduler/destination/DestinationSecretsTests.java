package org.stagedoor.scheduler.destination;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Destinations' secrets at rest: with no key set (the demo, a first start), a key is made once in its file, readable
 * by its owner only, and a restart reads the same one back; a value never encrypts to the same text twice.
 */
class DestinationSecretsTests {

    @TempDir
    Path home;

    @Test
    void withNoKeySetAKeyIsMadeOnceInItsFileAndARestartReadsItBack() throws Exception {
        Path keyFile = home.resolve(".stagedoor/destination-secret.key");
        DestinationSecrets first = new DestinationSecrets(settings("", keyFile));
        assertThat(keyFile).doesNotExist();

        String encrypted = first.encrypt("correct horse battery staple");

        assertThat(keyFile).exists();
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(keyFile)).matches("[0-9a-f]{64}");
        assertThat(encrypted).matches("[0-9a-f]+").doesNotContain("correct");
        assertThat(first.encrypt("correct horse battery staple")).isNotEqualTo(encrypted);
        DestinationSecrets afterRestart = new DestinationSecrets(settings("", keyFile));
        assertThat(afterRestart.decrypt(encrypted)).isEqualTo("correct horse battery staple");
    }

    @Test
    void aValueEncryptedUnderAnotherKeyIsSaidToNeedThatKey() {
        String encrypted = new DestinationSecrets(settings("one key of sixteen chars", home.resolve("k")))
                .encrypt("secret");

        assertThatThrownBy(() -> new DestinationSecrets(settings("another key of sixteen", home.resolve("k")))
                .decrypt(encrypted))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A destination's secret cannot be decrypted: the key of stagedoor.destinations.secret-key"
                        + " is not the one it was encrypted with");
    }

    private static DestinationSettings settings(String key, Path file) {
        return new DestinationSettings(key, file, Duration.ofHours(72), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }
}
