package org.stagedoor.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes {@code login_account} and {@code login_token}. */
@Component
class AccountStore {

    private static final String SELECT = """
            select a.*, u.partner_company_id
              from login_account a left join partner_user u on u.id = a.partner_user_id
            """;

    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StagedoorUser> byEmail(String email) {
        return jdbc.sql(SELECT + " where lower(a.email) = lower(:email)").param("email", email).query(this::user)
                .optional();
    }

    Optional<StagedoorUser> byId(long accountId) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", accountId).query(this::user).optional();
    }

    List<StagedoorUser> all() {
        return jdbc.sql(SELECT + " order by a.role, lower(a.email)").query(this::user).list();
    }

    List<StagedoorUser> ofPartnerCompany(long partnerCompanyId) {
        return jdbc.sql(SELECT + " where u.partner_company_id = :p order by lower(a.email)")
                .param("p", partnerCompanyId)
                .query(this::user).list();
    }

    boolean hasEnabledAdministrator() {
        return jdbc.sql("select exists (select 1 from login_account where role = 'ADMIN' and enabled)")
                .query(Boolean.class).single();
    }

    long insert(String email, String displayName, StagedoorUser.Role role, Long partnerUserId) {
        return jdbc.sql("""
                insert into login_account (email, display_name, role, partner_user_id)
                values (:email, :name, :role, :partnerUser) returning id
                """)
                .param("email", email).param("name", displayName).param("role", role.name())
                .param("partnerUser", partnerUserId)
                .query(Long.class).single();
    }

    long insertPartnerUser(long partnerCompanyId, String email, String displayName) {
        return jdbc.sql("""
                insert into partner_user (partner_company_id, email, display_name) values (:p, :email, :name)
                returning id
                """).param("p", partnerCompanyId).param("email", email).param("name", displayName)
                .query(Long.class).single();
    }

    void setPassword(long accountId, String hash) {
        jdbc.sql("""
                update login_account set password_hash = :hash, credentials_version = credentials_version + 1
                 where id = :id
                """).param("id", accountId).param("hash", hash).update();
    }

    void setEnabled(long accountId, boolean enabled) {
        jdbc.sql("""
                update login_account set enabled = :enabled, credentials_version = credentials_version + 1
                 where id = :id
                """).param("id", accountId).param("enabled", enabled).update();
        jdbc.sql("""
                update partner_user set enabled = :enabled
                 where id = (select partner_user_id from login_account where id = :id)
                """).param("id", accountId).param("enabled", enabled).update();
    }

    /** Ends every session of the account on its next request ({@link EndedSessions}). */
    void endSessions(long accountId) {
        jdbc.sql("update login_account set credentials_version = credentials_version + 1 where id = :id")
                .param("id", accountId).update();
    }

    void loggedIn(String email) {
        jdbc.sql("update login_account set last_login_at = now() where lower(email) = lower(:email)")
                .param("email", email).update();
    }

    /**
     * Whether a session of an account that logged in at {@code credentialsVersion} still stands: the account is
     * enabled and its credentials have not changed since.
     */
    boolean sessionStands(long accountId, int credentialsVersion) {
        return jdbc.sql("""
                select count(*) from login_account where id = :id and enabled and credentials_version = :version
                """).param("id", accountId).param("version", credentialsVersion).query(Integer.class).single() > 0;
    }

    void insertToken(long accountId, String purpose, String sha256, Instant expiresAt) {
        jdbc.sql("""
                insert into login_token (account_id, purpose, token_sha256, expires_at)
                values (:account, :purpose, :sha, :expires)
                """).param("account", accountId).param("purpose", purpose).param("sha", sha256)
                .param("expires", Timestamp.from(expiresAt)).update();
    }

    /** Uses a valid token (unused, unexpired, of that purpose) once; returns its account, or empty. */
    Optional<Long> useToken(String purpose, String sha256) {
        return jdbc.sql("""
                update login_token set used_at = now()
                 where token_sha256 = :sha and purpose = :purpose and used_at is null and expires_at > now()
                returning account_id
                """).param("sha", sha256).param("purpose", purpose).query(Long.class).optional();
    }

    boolean tokenValid(String purpose, String sha256) {
        return jdbc.sql("""
                select count(*) from login_token
                 where token_sha256 = :sha and purpose = :purpose and used_at is null and expires_at > now()
                """).param("sha", sha256).param("purpose", purpose).query(Integer.class).single() > 0;
    }

    /** How many links of a purpose an account was sent since {@code since}. */
    int tokensSince(long accountId, String purpose, Instant since) {
        return jdbc.sql("""
                select count(*) from login_token
                 where account_id = :account and purpose = :purpose and created_at >= :since
                """).param("account", accountId).param("purpose", purpose).param("since", Timestamp.from(since))
                .query(Integer.class).single();
    }

    /** Earlier unused tokens of an account stop working when a new one is sent. */
    void expireTokens(long accountId, String purpose) {
        jdbc.sql("""
                update login_token set expires_at = greatest(created_at + interval '1 millisecond', now())
                 where account_id = :account and purpose = :purpose and used_at is null and expires_at > now()
                """).param("account", accountId).param("purpose", purpose).update();
    }

    private StagedoorUser user(ResultSet rs, int row) throws SQLException {
        return new StagedoorUser(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                StagedoorUser.Role.valueOf(rs.getString("role")), rs.getObject("partner_company_id", Long.class),
                rs.getObject("partner_user_id", Long.class), rs.getString("password_hash"), rs.getBoolean("enabled"),
                rs.getInt("credentials_version"));
    }
}
