package org.stagedoor.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log: logins, runs, downloads, administrators' changes and partner API calls, with who and when (and
 * the API token, when one was used). Append-only.
 */
@Component
public class AuditLog {

    /**
     * What happened. Every kind the database accepts (V8) is here, so that reading any entry back works; the API
     * and erasure kinds are written by their own features.
     */
    public enum Kind {
        LOGIN_OK, LOGIN_FAILED, RUN_STARTED, RUN_CANCELLED, RUN_DOWNLOADED, ADMIN_CHANGE, PASSWORD_SET, SUBSCRIPTION_CHANGED,
        API_CALL, API_REFUSED,
        /** An administrator looked up what was shared about a customer (R-6, P-8); the detail names the customer. */
        SUBJECT_ACCESS,
        /** An administrator downloaded a run's manifest. */
        MANIFEST_DOWNLOADED,
        CUSTOMER_ERASED
    }

    /** One entry. */
    public record Entry(long id, Instant at, String actor, Kind kind, Long partnerCompanyId, Long runId, Long rowCount,
            String detail, Long apiTokenId) {
    }

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, Kind kind, Long partnerCompanyId, Long runId, Long rowCount, String detail) {
        record(actor, kind, partnerCompanyId, runId, rowCount, detail, null);
    }

    /** An entry of something done with (or refused to) an API token; {@code apiTokenId} null when none was. */
    public void record(String actor, Kind kind, Long partnerCompanyId, Long runId, Long rowCount, String detail,
            Long apiTokenId) {
        jdbc.sql("""
                insert into audit_event (actor, kind, partner_company_id, run_id, row_count, detail, api_token_id)
                values (:actor, :kind, :partner, :run, :rows, :detail, :apiToken)
                """)
                .param("actor", actor == null || actor.isBlank() ? "anonymous" : actor)
                .param("kind", kind.name())
                .param("partner", partnerCompanyId)
                .param("run", runId)
                .param("rows", rowCount)
                .param("detail", detail == null ? "" : detail)
                .param("apiToken", apiTokenId)
                .update();
    }

    public void adminChange(String actor, String detail) {
        record(actor, Kind.ADMIN_CHANGE, null, null, null, detail);
    }

    /** The newest entries first, optionally of one kind. */
    public List<Entry> recent(Kind kind, int limit) {
        return jdbc.sql("""
                select * from audit_event
                 where cast(:kind as text) is null or kind = :kind
                 order by at desc, id desc limit :limit
                """)
                .param("kind", kind == null ? null : kind.name())
                .param("limit", limit)
                .query(AuditLog::entry)
                .list();
    }

    /** Entries since an instant, oldest first (for tests and exports). */
    public List<Entry> since(Instant from) {
        return jdbc.sql("select * from audit_event where at >= :from order by at, id")
                .param("from", Timestamp.from(from))
                .query(AuditLog::entry)
                .list();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                Kind.valueOf(rs.getString("kind")), rs.getObject("partner_company_id", Long.class),
                rs.getObject("run_id", Long.class), rs.getObject("row_count", Long.class), rs.getString("detail"),
                rs.getObject("api_token_id", Long.class));
    }
}
