package org.stagedoor.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Finds the account behind an email at login. */
@Component
class AccountDetailsService implements UserDetailsService {

    private final AccountStore store;

    AccountDetailsService(AccountStore store) {
        this.store = store;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return store.byEmail(email == null ? "" : email.strip())
                .orElseThrow(() -> new UsernameNotFoundException("No account"));
    }
}
