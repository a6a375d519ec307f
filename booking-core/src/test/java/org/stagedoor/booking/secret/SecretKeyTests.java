package org.stagedoor.booking.secret;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The venue's secret key: with no key set (the demo, a first start) it is made once in its file, readable by its
 * owner only, and a restart reads the same one back; each purpose gets a key of its own.
 */
class SecretKeyTests {

    private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;

    @Test
    void withNoKeySetAKeyIsMadeOnFirstUseOnlyAndARestartReadsItBack() throws Exception {
        Path keyFile = home.resolve(".stagedoor/secret.key");
        SecretKey first = new SecretKey(new SecretKeySettings("", keyFile));
        assertThat(keyFile).doesNotExist();

        byte[] encrypted = first.encryptor("a purpose").encrypt(SECRET);

        assertThat(keyFile).exists();
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(keyFile)).matches("[0-9a-f]{64}");
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain("correct");
        assertThat(first.encryptor("a purpose").encrypt(SECRET)).as("a random nonce each time")
                .isNotEqualTo(encrypted);
        SecretKey afterRestart = new SecretKey(new SecretKeySettings("", keyFile));
        assertThat(afterRestart.encryptor("a purpose").decrypt(encrypted)).isEqualTo(SECRET);
    }

    @Test
    void theKeySettingIsUsedWhenSetAndNoFileIsMade() {
        Path unused = home.resolve("unused.key");
        byte[] encrypted = new SecretKey(new SecretKeySettings("the venue's own key", unused)).encryptor("a purpose")
                .encrypt(SECRET);

        assertThat(unused).doesNotExist();
        assertThat(new SecretKey(new SecretKeySettings("the venue's own key", null)).encryptor("a purpose")
                .decrypt(encrypted)).isEqualTo(SECRET);
        assertThatThrownBy(() -> new SecretKey(new SecretKeySettings("another key of the venue", null))
                .encryptor("a purpose").decrypt(encrypted)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eachPurposeHasAKeyOfItsOwn() {
        SecretKey key = new SecretKey(new SecretKeySettings("the venue's own key", null));
        byte[] encrypted = key.encryptor("a purpose").encrypt(SECRET);

        assertThatThrownBy(() -> key.encryptor("another purpose").decrypt(encrypted))
                .isInstanceOf(IllegalStateException.class);
        assertThat(key.derived("links")).hasSize(32).isNotEqualTo(key.derived("other links"))
                .isEqualTo(new SecretKey(new SecretKeySettings("the venue's own key", null)).derived("links"));
    }

    @Test
    void aKeyTooShortIsRefusedInWords() {
        assertThatThrownBy(() -> new SecretKeySettings("short", null))
                .hasMessage("stagedoor.secret.key must be at least 16 characters long");
    }
}
