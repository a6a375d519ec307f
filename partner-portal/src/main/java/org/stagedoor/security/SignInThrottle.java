package org.stagedoor.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.scheduler.delivery.Recipient;

/**
 * Slows down whoever keeps failing to sign in, without handing a stranger a way to keep the owner out. Two limits,
 * both checked before any password is compared:
 * <ul>
 * <li>per client address, in this node's memory: a burst of failures, then one more per refill period. A flood of
 * wrong passwords from one address is refused at once, before it reaches a password check or the database;</li>
 * <li>per email address tried, known or not (so a pause tells nothing of which accounts exist), in the database so
 * that every node sees it: after a number of failures in a row, sign-ins with a password pause for a while, longer
 * after each pause up to a ceiling. A pause is fixed when it starts; attempts during it are refused unchecked and
 * not counted, so it never extends itself. The owner can always get in through an emailed reset link, which ends the
 * pause, and administrators can end it from the console.</li>
 * </ul>
 */
@Component
class SignInThrottle {

    private final JdbcClient jdbc;

    private final SecuritySettings settings;

    private final Clock clock;

    private final Cache<String, Bucket> addresses;

    private final Cache<String, Bucket> resetRequests;

    SignInThrottle(JdbcClient jdbc, SecuritySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        // Bounded: a flood from many addresses costs this many small buckets at most. An address not seen for
        // longer than its bucket takes to refill has a full bucket anyway.
        this.addresses = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(settings.addressRefill().multipliedBy(settings.addressFailures())).build();
        this.resetRequests = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(settings.resetWindow())
                .build();
    }

    /** Whether the client at {@code address} may ask for another password-reset mail now; counts it if so. */
    boolean mayAskForReset(String address) {
        return resetRequests.get(address, any -> Bucket.builder().addLimit(limit -> limit
                .capacity(settings.resetRequestsPerAddress())
                .refillIntervally(settings.resetRequestsPerAddress(), settings.resetWindow())).build()).tryConsume(1);
    }

    /**
     * How long the client at {@code address} must wait before it may try to sign in as {@code email}; empty if it
     * may try now.
     */
    Optional<Duration> waitBefore(String address, String email) {
        Bucket bucket = addresses.getIfPresent(address);
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
        }
        String key = key(email);
        if (key == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("select paused_until from sign_in_pause where email_key = :key and paused_until > :now")
                .param("key", key).param("now", Timestamp.from(now))
                .query(Timestamp.class).optional()
                .map(until -> Duration.between(now, until.toInstant()));
    }

    /** Counts a failed sign-in against the client's address and the email address tried. */
    void failed(String address, String email) {
        addresses.get(address, any -> Bucket.builder().addLimit(limit -> limit.capacity(settings.addressFailures())
                .refillGreedy(1, settings.addressRefill())).build()).consumeIgnoringRateLimits(1);
        String key = key(email);
        if (key == null) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                insert into sign_in_pause as p (email_key, failures, last_failure_at) values (:key, 1, :now)
                on conflict (email_key) do update
                   set failures = case when p.last_failure_at < :forgetBefore then 1 else p.failures + 1 end,
                       pauses = case when p.last_failure_at < :forgetBefore then 0 else p.pauses end,
                       last_failure_at = :now
                """).param("key", key).param("now", Timestamp.from(now))
                .param("forgetBefore", Timestamp.from(now.minus(settings.failuresRememberedFor()))).update();
        // Every so many failures in a row, a pause: the first as set, each later one twice as long, up to a ceiling.
        jdbc.sql("""
                update sign_in_pause
                   set paused_until = cast(:now as timestamptz)
                           + least(:firstPause * power(2, least(pauses, 20)), :longestPause) * interval '1 millisecond',
                       pauses = pauses + 1
                 where email_key = :key and failures % :every = 0
                """).param("key", key).param("now", Timestamp.from(now)).param("every", settings.pauseAfterFailures())
                .param("firstPause", settings.firstPause().toMillis())
                .param("longestPause", settings.longestPause().toMillis()).update();
        jdbc.sql("""
                delete from sign_in_pause
                 where last_failure_at < :forgetBefore and (paused_until is null or paused_until < :forgetBefore)
                """)
                .param("forgetBefore", Timestamp.from(now.minus(settings.failuresRememberedFor()))).update();
    }

    /** A successful sign-in, a password set through an emailed link, or an administrator's unlock: no pause. */
    void cleared(String email) {
        String key = key(email);
        if (key != null) {
            jdbc.sql("delete from sign_in_pause where email_key = :key").param("key", key).update();
        }
    }

    /** The key of an email address; null for text that cannot be anyone's address (it is never counted). */
    private static String key(String email) {
        String address = email == null ? "" : email.strip();
        return address.length() <= 320 && Recipient.isAddress(address) ? address.toLowerCase(Locale.ROOT)
                : null;
    }
}
