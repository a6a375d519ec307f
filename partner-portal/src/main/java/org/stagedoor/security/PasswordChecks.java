package org.stagedoor.security;

import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes and checks passwords a few at a time (as many as there are cores): a bcrypt check costs a core a quarter of
 * a second by design, and two hundred people logging in at once would otherwise take every core from every other
 * request. Measured with the portal bench on 2 cores: 200 simultaneous logins starved the requests holding database
 * connections until the pool's wait ran out and logins failed with 503. Queued here, the logins wait their turn
 * without using a core, and pages go on being served meanwhile.
 */
final class PasswordChecks implements PasswordEncoder {

    private final PasswordEncoder delegate;

    private final Semaphore cores;

    PasswordChecks(PasswordEncoder delegate, int atOnce) {
        this.delegate = delegate;
        // Fair: first come, first checked, so no login waits indefinitely behind later ones.
        this.cores = new Semaphore(atOnce, true);
    }

    @Override
    public String encode(CharSequence rawPassword) {
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
        cores.acquireUninterruptibly();
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
