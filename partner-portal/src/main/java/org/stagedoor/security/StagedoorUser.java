package org.stagedoor.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Who is logged in: an administrator, or a partner user bound to exactly one partner company. Every
 * object a partner user reaches is looked up together with {@link #partnerCompanyId()}.
 */
public final class StagedoorUser implements UserDetails, CredentialsContainer {

    private static final long serialVersionUID = 1L;

    private static final String UNUSABLE_PASSWORD = "{bcrypt}"
            + new BCryptPasswordEncoder().encode(UUID.randomUUID().toString());

    public enum Role {
        ADMIN, PARTNER_USER
    }

    private final long accountId;

    private final String email;

    private final String displayName;

    private final Role role;

    private final Long partnerCompanyId;

    private final Long partnerUserId;

    private String passwordHash;

    private final boolean enabled;

    private final Instant lockedUntil;

    StagedoorUser(long accountId, String email, String displayName, Role role, Long partnerCompanyId, Long partnerUserId,
            String passwordHash, boolean enabled, Instant lockedUntil) {
        this.accountId = accountId;
        this.email = email;
        this.displayName = displayName;
        this.role = role;
        this.partnerCompanyId = partnerCompanyId;
        this.partnerUserId = partnerUserId;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.lockedUntil = lockedUntil;
    }

    public long accountId() {
        return accountId;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The partner company of a partner user; null for an administrator. */
    public Long partnerCompanyId() {
        return partnerCompanyId;
    }

    public Long partnerUserId() {
        return partnerUserId;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        // An account whose invitation is not accepted yet has no password: it is checked against a hash of a
        // secret nobody knows, so that the answer takes as long as for any other account.
        return passwordHash == null ? UNUSABLE_PASSWORD : passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || lockedUntil.isBefore(Instant.now());
    }

    @Override
    public boolean isEnabled() {
        return enabled && passwordHash != null;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StagedoorUser user && user.accountId == accountId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId);
    }

    @Override
    public String toString() {
        return email + " (" + role + (partnerCompanyId == null ? "" : ", partner company " + partnerCompanyId) + ")";
    }
}
