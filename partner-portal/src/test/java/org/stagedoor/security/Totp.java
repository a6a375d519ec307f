package org.stagedoor.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/**
 * A TOTP code computed by the tests themselves, as RFC 6238 says (HMAC-SHA-1 of the 30-second step, dynamic
 * truncation, 6 digits), independently of the library the application uses: what any authenticator app would show.
 */
public final class Totp {

    private Totp() {
    }

    /** The code for the step that holds {@code at}, plus {@code stepsLater} steps. */
    public static String code(String base32Secret, Instant at, int stepsLater) {
        return code(new Base32().decode(base32Secret.replace(" ", "")), at.getEpochSecond() / 30 + stepsLater);
    }

    static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16
                    | (hash[offset + 2] & 0xff) << 8 | hash[offset + 3] & 0xff;
            return String.format("%06d", binary % 1_000_000);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
