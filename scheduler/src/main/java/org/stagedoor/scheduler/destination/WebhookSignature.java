package org.stagedoor.scheduler.destination;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.stagedoor.booking.secret.SecretKey;

/**
 * How a message to a web address is signed (docs/destinations.md tells partners' developers): HMAC-SHA256, under
 * the destination's secret, of the timestamp header's value, a full stop, and the body exactly as sent; in hex,
 * after "v1=".
 */
public final class WebhookSignature {

    /** The seconds since 1970 (UTC) when the message was signed; a receiver refuses one too old (a replay). */
    public static final String TIMESTAMP_HEADER = "Stagedoor-Timestamp";

    public static final String SIGNATURE_HEADER = "Stagedoor-Signature";

    /** The delivery's number: the same for every attempt of one delivery, so that a receiver can tell repeats. */
    public static final String DELIVERY_HEADER = "Stagedoor-Delivery";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1=" + HexFormat.of().formatHex(SecretKey.hmac(
                secret.getBytes(StandardCharsets.UTF_8), signed));
    }
}
