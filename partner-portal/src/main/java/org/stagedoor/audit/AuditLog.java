package org.stagedoor.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
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
        LOGIN_OK, LOGIN_FAILED, RUN_STARTED, RUN_CANCELLED, RUN_DOWNLOADED, ADMIN_CHANGE, PASSWORD_SET,
        SUBSCRIPTION_CHANGED, API_CALL, API_REFUSED,
        /** An administrator looked up what was shared about a customer (R-6, P-8); the detail names the customer. */
        SUBJECT_ACCESS,
        /** An administrator downloaded a run's manifest. */
        MANIFEST_DOWNLOADED,
        CUSTOMER_ERASED
    }

    /** One entry; {@code reportId} is the report of its run, when it has one. */
    public record Entry(long id, Instant at, String actor, Kind kind, Long partnerCompanyId, Long runId, Long rowCount,
            String detail, Long apiTokenId, String reportId) {
    }

    /**
     * Which entries to list: any field null places no condition. {@code reportId} keeps the entries of runs of
     * that report; {@code actor} matches part of who acted, in any case; {@code from} is inclusive and
     * {@code until} exclusive.
     */
    public record Query(String reportId, Long partnerCompanyId, Kind kind, String actor, Instant from, Instant until) {
    }

    private static final String SELECT = """
            select a.*, r.report_id from audit_event a left join report_run r on r.id = a.run_id
            """;

    private static final String WHERE = SELECT + """
             where (cast(:report as text) is null or r.report_id = :report)
               and (cast(:partner as bigint) is null or a.partner_company_id = :partner)
               and (cast(:kind as text) is null or a.kind = :kind)
               and (cast(:actor as text) is null or position(lower(cast(:actor as text)) in lower(a.actor)) > 0)
               and (cast(:from as timestamptz) is null or a.at >= :from)
               and (cast(:until as timestamptz) is null or a.at < :until)
            """;

    private static final String CURSOR = "(select c.at, c.id from audit_event c where c.id = :cursor)";

    private static final String OLDER = WHERE + """
               and (cast(:cursor as bigint) is null or (a.at, a.id) < %s)
             order by a.at desc, a.id desc
             limit :limit
            """.formatted(CURSOR);

    private static final String NEWER = WHERE + """
               and (a.at, a.id) > %s
             order by a.at, a.id
             limit :limit
            """.formatted(CURSOR);

    private static final String ALL = WHERE + " order by a.at desc, a.id desc";

    /** Rows PostgreSQL sends per round trip while an export streams. */
    private static final int EXPORT_FETCH_SIZE = 1000;

    private final JdbcClient jdbc;

    private final JdbcClient streaming;

    AuditLog(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(EXPORT_FETCH_SIZE);
        this.streaming = JdbcClient.create(template);
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
        return page(new Query(null, null, kind, null, null, null), null, null, limit);
    }

    /**
     * A page of the entries the query selects, newest first: the {@code limit} entries older than entry
     * {@code before}, or (with {@code after}) the {@code limit} just newer than entry {@code after}, or the newest.
     * The console's page, its export and the API all list through here.
     */
    public List<Entry> page(Query query, Long before, Long after, int limit) {
        List<Entry> entries = new ArrayList<>(bind(jdbc.sql(after == null ? OLDER : NEWER), query)
                .param("cursor", after == null ? before : after)
                .param("limit", limit)
                .query(AuditLog::entry)
                .list());
        if (after != null) {
            Collections.reverse(entries);
        }
        return entries;
    }

    /**
     * Every entry the query selects, newest first, handed over one at a time as the database sends them. Within a
     * transaction, so that PostgreSQL streams the rows rather than sending them all at once.
     */
    public void each(Query query, Consumer<Entry> action) {
        bind(streaming.sql(ALL), query).query((ResultSet rs) -> {
            action.accept(entry(rs, 0));
        });
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Query query) {
        return statement
                .param("report", blankToNull(query.reportId()))
                .param("partner", query.partnerCompanyId())
                .param("kind", query.kind() == null ? null : query.kind().name())
                .param("actor", blankToNull(query.actor()))
                .param("from", query.from() == null ? null : Timestamp.from(query.from()))
                .param("until", query.until() == null ? null : Timestamp.from(query.until()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Entries since an instant, oldest first (for tests and exports). */
    public List<Entry> since(Instant from) {
        return jdbc.sql(SELECT + " where a.at >= :from order by a.at, a.id")
                .param("from", Timestamp.from(from))
                .query(AuditLog::entry)
                .list();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                Kind.valueOf(rs.getString("kind")), rs.getObject("partner_company_id", Long.class),
                rs.getObject("run_id", Long.class), rs.getObject("row_count", Long.class), rs.getString("detail"),
                rs.getObject("api_token_id", Long.class), rs.getString("report_id"));
    }
}
