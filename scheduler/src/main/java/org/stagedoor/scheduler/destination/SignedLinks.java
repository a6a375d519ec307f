package org.stagedoor.scheduler.destination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * The signature of a webhook delivery's download link: HMAC-SHA256 of the delivery and the link's expiry under a
 * key only Stagedoor holds, so that a link cannot be made for another delivery nor kept beyond its time.
 */
@Component
public class SignedLinks {

    /** Whether a link checked out, and if not, why. */
    public enum Check {
        VALID, FORGED, EXPIRED
    }

    private final DestinationSecrets secrets;

    private final DestinationSettings settings;

    private final Clock clock;

    SignedLinks(DestinationSecrets secrets, DestinationSettings settings, Clock clock) {
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
    }

    /** When a link made now stops working, to the second. */
    public Instant expiryFromNow() {
        return clock.instant().plus(settings.linkValidity()).truncatedTo(ChronoUnit.SECONDS);
    }

    public String signature(long deliveryId, Instant expires) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                secrets.signLink("delivery " + deliveryId + " until " + expires.getEpochSecond()));
    }

    public Check check(long deliveryId, long expiresEpochSecond, String signature) {
        if (signature == null || signature.isBlank()) {
            return Check.FORGED;
        }
        byte[] expected = signature(deliveryId, Instant.ofEpochSecond(expiresEpochSecond))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Check.FORGED;
        }
        return clock.instant().getEpochSecond() >= expiresEpochSecond ? Check.EXPIRED : Check.VALID;
    }
}
