package org.stagedoor.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes and checks passwords a few at a time (as many as there are cores): a bcrypt check costs a core a quarter of
 * a second by design, and two hundred people logging in at once would otherwise take every core from every other
 * request. A sign-in waits for a free check a short while at most, and only so many wait at once; the others are
 * told at once to try again ({@link Busy}), so that a flood of sign-ins cannot hold every request thread.
 */
final class PasswordChecks implements PasswordEncoder {

    /** No password check came free in time: the sign-in is neither right nor wrong, and is not counted as failed. */
    static final class Busy extends AuthenticationServiceException {

        private static final long serialVersionUID = 1L;

        Busy() {
            super("Too many sign-ins at once");
        }
    }

    private final PasswordEncoder delegate;

    private final Semaphore cores;

    private final Semaphore waiting;

    private final long waitNanos;

    PasswordChecks(PasswordEncoder delegate, int atOnce, Duration longestWait) {
        this.delegate = delegate;
        // Fair: first come, first checked, so no login waits behind later ones.
        this.cores = new Semaphore(atOnce, true);
        // As many again may queue behind them: a queue longer than that would not be served within the wait.
        this.waiting = new Semaphore(atOnce * 2);
        this.waitNanos = longestWait.toNanos();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        // Setting a password needs a valid single-use link, so it cannot be flooded: it waits its turn.
        cores.acquireUninterruptibly();
        try {
            return delegate.encode(rawPassword);
        }
        finally {
            cores.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (!waiting.tryAcquire()) {
            throw new Busy();
        }
        try {
            if (!cores.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new Busy();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        finally {
            waiting.release();
        }
        try {
            return delegate.matches(rawPassword, encodedPassword);
        }
        finally {
            cores.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }
}
