package org.stagedoor.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Who is logged in: an administrator, or a partner user bound to exactly one partner company. Every
 * object a partner user reaches is looked up together with {@link #partnerCompanyId()}. A partner company's
 * API token ({@link ApiTokens}) acts as a partner user of its company with no account of its own, so the portal's
 * API scopes it exactly as it scopes a person. A venue system token acts as {@link Role#VENUE_SYSTEM}, which only
 * the booking API admits, and which no person ever holds.
 */
public final class StagedoorUser implements UserDetails, CredentialsContainer {

    private static final long serialVersionUID = 1L;

    private static final String UNUSABLE_PASSWORD = "{bcrypt}"
            + new BCryptPasswordEncoder().encode(UUID.randomUUID().toString());

    public enum Role {
        ADMIN, PARTNER_USER,
        /** One of the venue's sales channels calling the booking API with a venue system token. */
        VENUE_SYSTEM
    }

    private final long accountId;

    private final String email;

    private final String displayName;

    private final Role role;

    private final Long partnerCompanyId;

    private final Long partnerUserId;

    private String passwordHash;

    private final boolean enabled;

    private final int credentialsVersion;

    private final Long apiTokenId;

    StagedoorUser(long accountId, String email, String displayName, Role role, Long partnerCompanyId,
            Long partnerUserId, String passwordHash, boolean enabled, int credentialsVersion) {
        this.accountId = accountId;
        this.email = email;
        this.displayName = displayName;
        this.role = role;
        this.partnerCompanyId = partnerCompanyId;
        this.partnerUserId = partnerUserId;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.credentialsVersion = credentialsVersion;
        this.apiTokenId = null;
    }

    private StagedoorUser(long apiTokenId, String name, Long partnerCompanyId) {
        this.accountId = 0;
        this.email = partnerCompanyId == null ? ApiTokens.venueActor(apiTokenId, name)
                : ApiTokens.actor(apiTokenId, name);
        this.displayName = name;
        this.role = partnerCompanyId == null ? Role.VENUE_SYSTEM : Role.PARTNER_USER;
        this.partnerCompanyId = partnerCompanyId;
        this.partnerUserId = null;
        this.passwordHash = null;
        this.enabled = true;
        this.credentialsVersion = 0;
        this.apiTokenId = apiTokenId;
    }

    /** The caller behind a valid API token of a partner company. */
    static StagedoorUser apiToken(long apiTokenId, String name, long partnerCompanyId) {
        return new StagedoorUser(apiTokenId, name, Long.valueOf(partnerCompanyId));
    }

    /** The caller behind a valid venue system token: one of the venue's sales channels. */
    static StagedoorUser venueSystem(long apiTokenId, String name) {
        return new StagedoorUser(apiTokenId, name, null);
    }

    public long accountId() {
        return accountId;
    }

    /**
     * The login of a person; for an API token, "api-token #12 (name)", for a venue system token
     * "venue-system-token #12 (name)": what runs, preference changes and the audit show.
     */
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

    /** The API token the caller authenticated with; null for a person. */
    public Long apiTokenId() {
        return apiTokenId;
    }

    public boolean isApiToken() {
        return apiTokenId != null;
    }

    public boolean isVenueSystem() {
        return role == Role.VENUE_SYSTEM;
    }

    /** The account's credentials version when this person logged in: a session of an older version has ended. */
    int credentialsVersion() {
        return credentialsVersion;
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
    public boolean isEnabled() {
        return enabled && passwordHash != null;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StagedoorUser user && user.accountId == accountId
                && Objects.equals(user.apiTokenId, apiTokenId);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId) * 31 + Objects.hashCode(apiTokenId);
    }

    @Override
    public String toString() {
        return email + " (" + role + (partnerCompanyId == null ? "" : ", partner company " + partnerCompanyId) + ")";
    }
}
