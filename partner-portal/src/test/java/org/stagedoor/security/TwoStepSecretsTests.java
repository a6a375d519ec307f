package org.stagedoor.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The authenticator apps' secrets are stored encrypted, under a key kept outside the database. */
class TwoStepSecretsTests {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Test
    void aKeyFileIsMadeOnFirstUseReadableByItsOwnerOnly(@TempDir Path folder) throws Exception {
        Path keyFile = folder.resolve("keys").resolve("two-step.key");
        TwoStepSecrets secrets = new TwoStepSecrets(settings(null, keyFile));

        String sealed = secrets.seal(SECRET);

        assertThat(sealed).doesNotContain(SECRET).isNotEqualTo(secrets.seal(SECRET));
        assertThat(secrets.open(sealed)).isEqualTo(SECRET);
        assertThat(Files.readString(keyFile)).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(new TwoStepSecrets(settings(null, keyFile)).open(sealed)).as("the next start reads the same key")
                .isEqualTo(SECRET);
    }

    @Test
    void theKeySettingIsUsedWhenSetAndAnotherKeyCannotOpen(@TempDir Path folder) {
        String sealed = new TwoStepSecrets(settings("the venue's own key", folder.resolve("unused"))).seal(SECRET);

        assertThat(Files.exists(folder.resolve("unused"))).isFalse();
        assertThat(new TwoStepSecrets(settings("the venue's own key", null)).open(sealed)).isEqualTo(SECRET);
        assertThatThrownBy(() -> new TwoStepSecrets(settings("another key", null)).open(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    private static SecuritySettings settings(String key, Path keyFile) {
        return new SecuritySettings(5, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(24), 20,
                Duration.ofMinutes(1), Duration.ofSeconds(1), 3, 10, Duration.ofHours(1), Duration.ofDays(7),
                Duration.ofHours(1), 12, Duration.ofDays(90), Duration.ofDays(365), key, keyFile);
    }
}
