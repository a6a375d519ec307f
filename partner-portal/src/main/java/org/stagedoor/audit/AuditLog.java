package org.stagedoor.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit log: logins, runs, downloads and administrators' changes, with who and when. Append-only. */
@Component
public class AuditLog {

    public enum Kind {
        LOGIN_OK, LOGIN_FAILED, RUN_STARTED, RUN_CANCELLED, RUN_DOWNLOADED, ADMIN_CHANGE, PASSWORD_SET, SUBSCRIPTION_CHANGED
    }

    /** One entry. */
    public record Entry(long id, Instant at, String actor, Kind kind, Long partnerCompanyId, Long runId, Long rowCount,
            String detail) {
    }

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, Kind kind, Long partnerCompanyId, Long runId, Long rowCount, String detail) {
        jdbc.sql("""
                insert into audit_event (actor, kind, partner_company_id, run_id, row_count, detail)
                values (:actor, :kind, :partner, :run, :rows, :detail)
                """)
                .param("actor", actor == null || actor.isBlank() ? "anonymous" : actor)
                .param("kind", kind.name())
                .param("partner", partnerCompanyId)
                .param("run", runId)
                .param("rows", rowCount)
                .param("detail", detail == null ? "" : detail)
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
                .query((rs, row) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        Kind.valueOf(rs.getString("kind")), rs.getObject("partner_company_id", Long.class),
                        rs.getObject("run_id", Long.class), rs.getObject("row_count", Long.class),
                        rs.getString("detail")))
                .list();
    }

    /** Entries since an instant, oldest first (for tests and exports). */
    public List<Entry> since(Instant from) {
        return jdbc.sql("select * from audit_event where at >= :from order by at, id")
                .param("from", Timestamp.from(from))
                .query((rs, row) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        Kind.valueOf(rs.getString("kind")), rs.getObject("partner_company_id", Long.class),
                        rs.getObject("run_id", Long.class), rs.getObject("row_count", Long.class),
                        rs.getString("detail")))
                .list();
    }
}
