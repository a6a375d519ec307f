package org.stagedoor.batch.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.output.OutputFormat;

/** Reads and writes {@code report_run}, the record people and the portal see for every run. */
@Component
public class RunRecords {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    private final JsonMapper json;

    RunRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long create(RunRequest request, Map<String, String> resolved, Instant cutoff) {
        return jdbc.sql("""
                insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                        parameters_resolved, format, cutoff_at, saved_report_id, saved_report_version)
                values (:report, :partner, :requestedBy, cast(:given as jsonb), cast(:resolved as jsonb), :format,
                        :cutoff, :saved, :savedVersion)
                returning id
                """)
                .param("report", request.reportId())
                .param("partner", request.partnerCompanyId())
                .param("requestedBy", request.requestedBy())
                .param("given", json.writeValueAsString(request.parameters()))
                .param("resolved", json.writeValueAsString(resolved))
                .param("format", request.format().name())
                .param("cutoff", Timestamp.from(cutoff))
                .param("saved", request.saved() == null ? null : request.saved().id())
                .param("savedVersion", request.saved() == null ? null : request.saved().version())
                .query(Long.class).single();
    }

    /** When the partner company last started each saved report it ran, by the saved report's id. */
    public Map<Long, Instant> lastRunsOfSaved(long partnerCompanyId) {
        Map<Long, Instant> last = new HashMap<>();
        jdbc.sql("""
                select saved_report_id, max(created_at) as last_run from report_run
                 where partner_company_id = :partner and saved_report_id is not null
                 group by saved_report_id
                """).param("partner", partnerCompanyId)
                .query((rs, row) -> last.put(rs.getLong("saved_report_id"), rs.getTimestamp("last_run").toInstant()))
                .list();
        return last;
    }

    public Optional<ReportRun> find(long runId) {
        return jdbc.sql("select * from report_run where id = :id").param("id", runId).query(this::run).optional();
    }

    public ReportRun get(long runId) {
        return find(runId).orElseThrow(() -> new IllegalArgumentException("No run with id " + runId));
    }

    /** The newest runs first, for one partner company or (null) all of them. */
    public List<ReportRun> recent(Long partnerCompanyId, int limit) {
        return olderThan(partnerCompanyId, null, limit);
    }

    /**
     * A page of runs, newest first, for one partner company or (null) all of them: the {@code limit} runs that come
     * after run {@code before} in that order, or the newest with no {@code before}. Paging by the last run seen
     * rather than by an offset keeps a page's cost flat however deep it is, and a run started meanwhile does not
     * shift the next page. A {@code before} that is not one of the company's runs gives an empty page.
     */
    public List<ReportRun> olderThan(Long partnerCompanyId, Long before, int limit) {
        return page(RunQuery.of(partnerCompanyId), before, null, limit);
    }

    /**
     * A page of the runs the query selects, newest first: the {@code limit} runs older than run {@code before}, or
     * (with {@code after}) the {@code limit} runs just newer than run {@code after}, or the newest. The runs pages
     * and APIs of the console and the portal all list through here, so a filter means the same everywhere.
     */
    public List<ReportRun> page(RunQuery query, Long before, Long after, int limit) {
        List<ReportRun> runs = new ArrayList<>(jdbc.sql(after == null ? PAGE_OLDER : PAGE_NEWER)
                .param("partner", query.partnerCompanyId())
                .param("venueOnly", query.venueOnly())
                .param("report", blankToNull(query.reportId()))
                .param("status", query.status() == null ? null : query.status().name())
                .param("person", blankToNull(query.requestedBy()))
                .param("from", query.from() == null ? null : Timestamp.from(query.from()))
                .param("until", query.until() == null ? null : Timestamp.from(query.until()))
                .param("cursor", after == null ? before : after)
                .param("limit", limit)
                .query(this::run).list());
        if (after != null) {
            Collections.reverse(runs);
        }
        return runs;
    }

    private static final String PAGE_WHERE = """
            select * from report_run r
             where (cast(:partner as bigint) is null or r.partner_company_id = :partner)
               and (not :venueOnly or r.partner_company_id is null)
               and (cast(:report as text) is null or r.report_id = :report)
               and (cast(:status as text) is null or r.status = :status)
               and (cast(:person as text) is null
                    or position(lower(cast(:person as text)) in lower(r.requested_by)) > 0)
               and (cast(:from as timestamptz) is null or r.created_at >= :from)
               and (cast(:until as timestamptz) is null or r.created_at < :until)
            """;

    // The cursor run is looked up within the same company, so another company's run id gives an empty page.
    private static final String CURSOR = """
            (select b.created_at, b.id from report_run b
              where b.id = :cursor and (cast(:partner as bigint) is null or b.partner_company_id = :partner))
            """;

    private static final String PAGE_OLDER = PAGE_WHERE + """
               and (cast(:cursor as bigint) is null or (r.created_at, r.id) < %s)
             order by r.created_at desc, r.id desc
             limit :limit
            """.formatted(CURSOR);

    private static final String PAGE_NEWER = PAGE_WHERE + """
               and (r.created_at, r.id) > %s
             order by r.created_at, r.id
             limit :limit
            """.formatted(CURSOR);

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    void started(long runId, long jobExecutionId) {
        jdbc.sql("""
                update report_run
                   set status = 'RUNNING', started_at = coalesce(started_at, now()), finished_at = null,
                       job_execution_id = :execution, error_message = null
                 where id = :id
                """).param("id", runId).param("execution", jobExecutionId).update();
    }

    void fileReady(long runId, long rows, long size, String sha256, String fileName, String location,
            Instant expiresAt) {
        jdbc.sql("""
                update report_run
                   set row_count = :rows, file_size = :size, sha256 = :sha256, file_name = :fileName,
                       location = :location, expires_at = :expiresAt
                 where id = :id
                """)
                .param("id", runId)
                .param("rows", rows)
                .param("size", size)
                .param("sha256", sha256)
                .param("fileName", fileName)
                .param("location", location)
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    void finished(long runId, RunStatus status, String errorMessage) {
        jdbc.sql("""
                update report_run set status = :status, finished_at = now(), error_message = :error where id = :id
                """)
                .param("id", runId)
                .param("status", status.name())
                .param("error", errorMessage)
                .update();
    }

    /**
     * Marks a run that is still QUEUED, and not claimed to be started, as STOPPED, so that it never starts; false
     * when it is no longer QUEUED or a caller has claimed it.
     */
    boolean stopQueued(long runId, String reason) {
        return jdbc.sql("""
                update report_run set status = 'STOPPED', finished_at = now(), error_message = :reason
                 where id = :id and status = 'QUEUED' and started_at is null
                """).param("id", runId).param("reason", reason).update() == 1;
    }

    /**
     * Claims a QUEUED run for the one caller that will start it; false when another caller claimed it first (or it
     * is no longer QUEUED). The claim is the start time; the status stays QUEUED until its job execution says
     * RUNNING, so that a RUNNING run always names a job execution that can be stopped.
     */
    boolean claimQueued(long runId) {
        return jdbc.sql("""
                update report_run set started_at = now()
                 where id = :id and status = 'QUEUED' and started_at is null
                """).param("id", runId).update() == 1;
    }

    /**
     * Puts a FAILED or STOPPED run back in the queue, unclaimed, for one caller; false when another caller did first,
     * or it has changed since it was read (another execution, another status). Its start and end are those of the
     * attempt to come.
     */
    boolean requeue(long runId, RunStatus status, Long jobExecutionId) {
        return jdbc.sql("""
                update report_run set status = 'QUEUED', started_at = null, finished_at = null, error_message = null
                 where id = :id and status = :status
                   and job_execution_id is not distinct from cast(:execution as bigint)
                """).param("id", runId).param("status", status.name()).param("execution", jobExecutionId)
                .update() == 1;
    }

    /** Completed runs whose file is past its expiry, oldest first. */
    List<ReportRun> expired(Instant now) {
        return jdbc.sql("""
                select * from report_run where status = 'COMPLETED' and expires_at <= :now order by expires_at, id
                """).param("now", Timestamp.from(now)).query(this::run).list();
    }

    void fileDeleted(long runId) {
        jdbc.sql("""
                update report_run set status = 'EXPIRED', file_deleted_at = now()
                 where id = :id and status = 'COMPLETED'
                """).param("id", runId).update();
    }

    private ReportRun run(ResultSet rs, int row) throws SQLException {
        return new ReportRun(rs.getLong("id"), rs.getString("report_id"),
                rs.getObject("partner_company_id", Long.class),
                rs.getString("requested_by"), json.readValue(rs.getString("parameters_given"), PARAMETERS),
                json.readValue(rs.getString("parameters_resolved"), PARAMETERS),
                OutputFormat.valueOf(rs.getString("format")), RunStatus.valueOf(rs.getString("status")),
                instant(rs, "cutoff_at"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getObject("job_execution_id", Long.class),
                rs.getObject("row_count", Long.class), rs.getObject("file_size", Long.class), rs.getString("sha256"),
                rs.getString("file_name"), rs.getString("location"), instant(rs, "expires_at"),
                instant(rs, "file_deleted_at"), rs.getString("error_message"),
                rs.getObject("saved_report_id") == null ? null
                        : new SavedRef(rs.getLong("saved_report_id"), rs.getInt("saved_report_version")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
