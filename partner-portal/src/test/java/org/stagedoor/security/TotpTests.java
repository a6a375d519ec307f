package org.stagedoor.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test's own TOTP and the library's agree with RFC 6238's test vectors (SHA-1, its appendix B, the last six
 * digits of each eight-digit value).
 */
class TotpTests {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theTestsOwnCodesAreThoseOfRfc6238() {
        assertThat(Totp.code(RFC_KEY, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(RFC_KEY, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(RFC_KEY, 1234567890L / 30)).isEqualTo("005924");
        assertThat(Totp.code(RFC_KEY, 20000000000L / 30)).isEqualTo("353130");
    }

    @Test
    void theLibrarysCodesAreThoseOfRfc6238AndOfTheTest() throws Exception {
        String secret = new Base32().encodeAsString(RFC_KEY);
        DefaultCodeGenerator library = new DefaultCodeGenerator();

        assertThat(library.generate(secret, 59 / 30)).isEqualTo("287082");
        assertThat(library.generate(secret, 2000000000L / 30)).isEqualTo("279037");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(2000000000L), 0)).isEqualTo("279037");
    }
}
