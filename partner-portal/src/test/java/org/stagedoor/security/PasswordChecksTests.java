package org.stagedoor.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PasswordChecksTests {

    @Test
    void checksNoMorePasswordsAtOnceThanItIsAllowed() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        PasswordEncoder slow = new PasswordEncoder() {

            @Override
            public String encode(CharSequence raw) {
                return "{noop}" + raw;
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return encoded.equals("{noop}" + raw);
            }
        };
        PasswordChecks checks = new PasswordChecks(slow, 2, Duration.ofSeconds(30));
        // No more callers at once than may check and queue, so that none is refused.
        ExecutorService logins = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String password = i % 2 == 0 ? "right" : "wrong";
            answers.add(logins.submit(() -> checks.matches(password, "{noop}right")));
        }
        List<Boolean> results = new ArrayList<>();
        for (Future<Boolean> answer : answers) {
            results.add(answer.get());
        }
        logins.shutdown();

        assertThat(most.get()).isEqualTo(2);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i)).as("login %d", i).isEqualTo(i % 2 == 0);
        }
    }

    @Test
    void hashesAndChecksAsTheEncoderItWraps() {
        PasswordChecks checks = new PasswordChecks(PasswordEncoderFactories.createDelegatingPasswordEncoder(), 1,
                Duration.ofSeconds(30));

        String hash = checks.encode("stagedoor-demo");

        assertThat(hash).startsWith("{bcrypt}");
        assertThat(checks.matches("stagedoor-demo", hash)).isTrue();
        assertThat(checks.matches("not-the-password", hash)).isFalse();
        assertThat(checks.upgradeEncoding(hash)).isFalse();
    }

    /** Covers issue 13 item 4: a sign-in never holds its request thread waiting for a check longer than a bound. */
    @Test
    void aCheckThatFindsNoFreeSlotInTimeIsToldToTryAgain() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PasswordChecks checks = new PasswordChecks(blockingUntil(holding, release), 1, Duration.ofMillis(200));
        ExecutorService first = Executors.newSingleThreadExecutor();
        Future<Boolean> held = first.submit(() -> checks.matches("right", "{noop}right"));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatExceptionOfType(PasswordChecks.Busy.class).isThrownBy(() -> checks.matches("x", "{noop}right"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(150),
                Duration.ofSeconds(3));

        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS)).isTrue();
        first.shutdown();
        assertThat(checks.matches("right", "{noop}right")).as("a slot free again").isTrue();
    }

    /** Covers issue 13 item 4: beyond the ones checking and the few queued, a sign-in is refused at once. */
    @Test
    void aCheckBeyondTheQueueIsRefusedAtOnce() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PasswordChecks checks = new PasswordChecks(blockingUntil(holding, release), 1, Duration.ofSeconds(30));
        ExecutorService callers = Executors.newFixedThreadPool(3);
        Future<Boolean> checking = callers.submit(() -> checks.matches("right", "{noop}right"));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> queued1 = callers.submit(() -> checks.matches("right", "{noop}right"));
        Future<Boolean> queued2 = callers.submit(() -> checks.matches("right", "{noop}right"));
        Thread.sleep(300);

        long started = System.nanoTime();
        assertThatExceptionOfType(PasswordChecks.Busy.class).isThrownBy(() -> checks.matches("x", "{noop}right"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

        release.countDown();
        assertThat(checking.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queued1.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queued2.get(5, TimeUnit.SECONDS)).isTrue();
        callers.shutdown();
    }

    /** An encoder whose first check holds its slot until released. */
    private static PasswordEncoder blockingUntil(CountDownLatch holding, CountDownLatch release) {
        return new PasswordEncoder() {

            @Override
            public String encode(CharSequence raw) {
                return "{noop}" + raw;
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                if (holding.getCount() > 0) {
                    holding.countDown();
                    try {
                        release.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
                return encoded.equals("{noop}" + raw);
            }
        };
    }
}
