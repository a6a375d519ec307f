package org.stagedoor.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

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
        PasswordChecks checks = new PasswordChecks(slow, 2);
        ExecutorService logins = Executors.newFixedThreadPool(12);
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
        PasswordChecks checks = new PasswordChecks(PasswordEncoderFactories.createDelegatingPasswordEncoder(), 1);

        String hash = checks.encode("stagedoor-demo");

        assertThat(hash).startsWith("{bcrypt}");
        assertThat(checks.matches("stagedoor-demo", hash)).isTrue();
        assertThat(checks.matches("not-the-password", hash)).isFalse();
        assertThat(checks.upgradeEncoding(hash)).isFalse();
    }
}
