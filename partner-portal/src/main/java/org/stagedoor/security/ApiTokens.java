package org.stagedoor.security;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.Sha256;

/**
 * API tokens. Partner API tokens (R-5): issued by an administrator to one partner company, for its own systems to
 * call the portal's API as that company. Venue system tokens: issued to the venue's own sales channels
 * (its online shop, its box office) to call the booking API, and to no partner company. A token is shown once, when
 * issued; only its SHA-256 is kept (with a short prefix to recognise it by), so a copy of the database lets nobody
 * call the API. Tokens expire, and an administrator may revoke one at any time; every use and every refusal is
 * audited.
 */
@Service
public class ApiTokens {

    /** What every token starts with, so that one pasted somewhere it should not be is easy to spot. */
    static final String SCHEME = "sdt_";

    /** The scheme and this many characters of the random part identify a token in lists and the audit log. */
    private static final int PREFIX_LENGTH = SCHEME.length() + 8;

    private static final int MAX_NAME_LENGTH = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String SELECT = """
            select t.*,
                   case when t.revoked_at is not null then 'revoked'
                        when t.expires_at <= :now then 'expired'
                        else 'active' end as state
              from api_token t
            """;

    /**
     * A token as administrators see it: never its secret.
     *
     * @param partnerCompanyId the company of a partner token; null for a venue system token
     * @param state {@code active}, {@code expired} or {@code revoked}
     */
    public record Token(long id, Long partnerCompanyId, String name, String prefix, String createdBy,
            Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy,
            String state) {

        public boolean active() {
            return state.equals("active");
        }
    }

    /** A token just issued, with its secret: the only time anyone sees it. */
    public record Issued(Token apiToken, String token) {
    }

    private final JdbcClient jdbc;

    private final AuditLog audit;

    private final SecuritySettings settings;

    private final Clock clock;

    ApiTokens(JdbcClient jdbc, AuditLog audit, SecuritySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** How a token is named in the audit log and as the requester of its runs. */
    static String actor(long apiTokenId, String name) {
        return "api-token #" + apiTokenId + " (" + name + ")";
    }

    /** How a venue system token is named in the audit log and in the records it changes (a preference's P-8). */
    static String venueActor(long apiTokenId, String name) {
        return "venue-system-token #" + apiTokenId + " (" + name + ")";
    }

    /** How a token is named among a run's recipients. */
    public static String recipient(StagedoorUser caller) {
        return "token #" + caller.apiTokenId() + " (" + caller.displayName() + ")";
    }

    /** The validity of a token when none is given, in days. */
    public int defaultValidityDays() {
        return (int) settings.apiTokenValidFor().toDays();
    }

    /** The longest validity of a token, in days. */
    public int maxValidityDays() {
        return (int) settings.apiTokenMaxValidFor().toDays();
    }

    /**
     * Issues a token to a partner company, valid for {@code validityDays} (the default when null); returns it with
     * its secret, which is not kept and cannot be shown again.
     *
     * @throws NotFoundException for an unknown partner company
     * @throws InvalidRequestException for a blank or too long name, or a validity out of range
     */
    @Transactional
    public Issued issue(long partnerCompanyId, String name, Integer validityDays, String issuedBy) {
        if (jdbc.sql("select count(*) from partner_company where id = :id").param("id", partnerCompanyId)
                .query(Integer.class).single() == 0) {
            throw new NotFoundException("partner company", partnerCompanyId);
        }
        int days = checked(name, validityDays);
        Inserted inserted = insert(partnerCompanyId, name.strip(), days, issuedBy);
        long id = inserted.id();
        Token token = find(partnerCompanyId, id).orElseThrow();
        audit.record(issuedBy, AuditLog.Kind.ADMIN_CHANGE, partnerCompanyId, null, null, "issued API token #" + id
                + " '" + token.name() + "' (" + token.prefix() + "…) to partner company " + partnerCompanyId
                + ", valid for " + days + " days", id);
        return new Issued(token, inserted.secret());
    }

    /**
     * Issues a venue system token, for one of the venue's sales channels to call the booking API, valid for
     * {@code validityDays} (the default when null); returns it with its secret, which is not kept.
     *
     * @throws InvalidRequestException for a blank or too long name, or a validity out of range
     */
    @Transactional
    public Issued issueVenue(String name, Integer validityDays, String issuedBy) {
        int days = checked(name, validityDays);
        Inserted inserted = insert(null, name.strip(), days, issuedBy);
        long id = inserted.id();
        Token token = findVenue(id).orElseThrow();
        audit.record(issuedBy, AuditLog.Kind.ADMIN_CHANGE, null, null, null, "issued venue system token #" + id
                + " '" + token.name() + "' (" + token.prefix() + "…) for the booking API, valid for " + days
                + " days", id);
        return new Issued(token, inserted.secret());
    }

    /** The venue system tokens, the newest first, revoked and expired ones included. */
    public List<Token> venueTokens() {
        return jdbc.sql(SELECT + " where t.scope = 'VENUE' order by t.created_at desc, t.id desc")
                .param("now", Timestamp.from(clock.instant()))
                .query(ApiTokens::token).list();
    }

    /** A venue system token (a partner company's is not found). */
    public Optional<Token> findVenue(long tokenId) {
        return jdbc.sql(SELECT + " where t.scope = 'VENUE' and t.id = :id")
                .param("id", tokenId)
                .param("now", Timestamp.from(clock.instant()))
                .query(ApiTokens::token).optional();
    }

    /**
     * Revokes a venue system token: from now on it is refused. Revoking a revoked token changes nothing.
     *
     * @throws NotFoundException for a token that is not a venue system token
     */
    @Transactional
    public Token revokeVenue(long tokenId, String revokedBy) {
        Token token = findVenue(tokenId).orElseThrow(() -> new NotFoundException("API token", tokenId));
        if (markRevoked(token, revokedBy)) {
            audit.record(revokedBy, AuditLog.Kind.ADMIN_CHANGE, null, null, null, "revoked venue system token #"
                    + tokenId + " '" + token.name() + "' (" + token.prefix() + "…)", tokenId);
        }
        return findVenue(tokenId).orElseThrow();
    }

    /** The days a new token works, once its name and validity are known to be acceptable. */
    private int checked(String name, Integer validityDays) {
        String checkedName = name == null ? "" : name.strip();
        int days = validityDays == null ? defaultValidityDays() : validityDays;
        List<FieldError> errors = new ArrayList<>();
        if (checkedName.isEmpty()) {
            errors.add(new FieldError("name", "is required: say which system uses the token"));
        }
        else if (checkedName.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "is too long (at most " + MAX_NAME_LENGTH + " characters)"));
        }
        if (days < 1 || days > maxValidityDays()) {
            errors.add(new FieldError("validityDays", "must be from 1 to " + maxValidityDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return days;
    }

    /** A token just stored: its id, and its secret, which only the answer carries. */
    private record Inserted(long id, String secret) {
    }

    private Inserted insert(Long partnerCompanyId, String name, int days, String issuedBy) {
        String secret = newSecret();
        Instant now = clock.instant();
        long id = jdbc.sql("""
                insert into api_token (partner_company_id, scope, name, token_sha256, token_prefix, created_by,
                                       created_at, expires_at)
                values (:partner, :scope, :name, :sha, :prefix, :by, :now, :expires)
                returning id
                """)
                .param("partner", partnerCompanyId)
                .param("scope", partnerCompanyId == null ? "VENUE" : "PARTNER")
                .param("name", name)
                .param("sha", Sha256.hex(secret))
                .param("prefix", secret.substring(0, PREFIX_LENGTH))
                .param("by", issuedBy)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(Duration.ofDays(days))))
                .query(Long.class).single();
        return new Inserted(id, secret);
    }

    /** The tokens of a partner company, the newest first, revoked and expired ones included. */
    public List<Token> ofPartnerCompany(long partnerCompanyId) {
        return jdbc.sql(SELECT + " where t.partner_company_id = :partner order by t.created_at desc, t.id desc")
                .param("partner", partnerCompanyId)
                .param("now", Timestamp.from(clock.instant()))
                .query(ApiTokens::token).list();
    }

    /** A token of a partner company (one of another company is not found). */
    public Optional<Token> find(long partnerCompanyId, long tokenId) {
        return jdbc.sql(SELECT + " where t.partner_company_id = :partner and t.id = :id")
                .param("partner", partnerCompanyId)
                .param("id", tokenId)
                .param("now", Timestamp.from(clock.instant()))
                .query(ApiTokens::token).optional();
    }

    /**
     * Revokes a token of a partner company: from now on it is refused. Revoking a revoked token changes nothing.
     *
     * @throws NotFoundException for a token that is not the company's
     */
    @Transactional
    public Token revoke(long partnerCompanyId, long tokenId, String revokedBy) {
        Token token = find(partnerCompanyId, tokenId).orElseThrow(() -> new NotFoundException("API token", tokenId));
        if (markRevoked(token, revokedBy)) {
            audit.record(revokedBy, AuditLog.Kind.ADMIN_CHANGE, partnerCompanyId, null, null, "revoked API token #"
                    + tokenId + " '" + token.name() + "' (" + token.prefix() + "…) of partner company "
                    + partnerCompanyId, tokenId);
        }
        return find(partnerCompanyId, tokenId).orElseThrow();
    }

    /** Marks the token revoked; false when it was already. */
    private boolean markRevoked(Token token, String revokedBy) {
        if (token.revokedAt() != null) {
            return false;
        }
        return jdbc.sql("""
                update api_token set revoked_at = :now, revoked_by = :by where id = :id and revoked_at is null
                """)
                .param("now", Timestamp.from(clock.instant()))
                .param("by", revokedBy)
                .param("id", token.id())
                .update() > 0;
    }

    /**
     * The caller behind a presented token, which is marked as used; or, for a token unknown, revoked or expired,
     * the refusal is audited (with the token's id and prefix when it exists; never what was presented) and
     * {@link BadCredentialsException} thrown. The hash is looked up through its unique index: no comparison of
     * secrets happens in Java, so nothing leaks through timing.
     *
     * @param request what was asked ("GET /api/portal/runs"), for the audit log
     */
    StagedoorUser authenticate(String presented, String request) {
        String sha = Sha256.hex(presented);
        Timestamp now = Timestamp.from(clock.instant());
        Optional<StagedoorUser> caller = jdbc.sql("""
                update api_token set last_used_at = :now
                 where token_sha256 = :sha and revoked_at is null and expires_at > :now
                returning id, name, partner_company_id, scope
                """)
                .param("sha", sha)
                .param("now", now)
                .query((rs, row) -> rs.getString("scope").equals("VENUE")
                        ? StagedoorUser.venueSystem(rs.getLong("id"), rs.getString("name"))
                        : StagedoorUser.apiToken(rs.getLong("id"), rs.getString("name"),
                                rs.getLong("partner_company_id")))
                .optional();
        if (caller.isPresent()) {
            return caller.get();
        }
        Optional<Token> known = jdbc.sql(SELECT + " where t.token_sha256 = :sha").param("sha", sha).param("now", now)
                .query(ApiTokens::token).optional();
        if (known.isEmpty()) {
            audit.record("api-token (unknown)", AuditLog.Kind.API_REFUSED, null, null, null,
                    request + " 401: unknown token");
        }
        else {
            Token token = known.get();
            audit.record(token.partnerCompanyId() == null ? venueActor(token.id(), token.name())
                    : actor(token.id(), token.name()), AuditLog.Kind.API_REFUSED, token.partnerCompanyId(), null,
                    null, request + " 401: token " + token.prefix() + "… is " + token.state(), token.id());
        }
        throw new BadCredentialsException("Unknown, revoked or expired API token");
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Token token(ResultSet rs, int row) throws SQLException {
        return new Token(rs.getLong("id"), rs.getObject("partner_company_id", Long.class), rs.getString("name"),
                rs.getString("token_prefix"), rs.getString("created_by"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"),
                rs.getString("revoked_by"), rs.getString("state"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
