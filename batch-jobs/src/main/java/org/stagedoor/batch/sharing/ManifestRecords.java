package org.stagedoor.batch.sharing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manifests of runs that carried personal data to a partner company: what the file held, for whom,
 * who asked, under which cut-off and consent age, its SHA-256 and who received it. Read side only; the run
 * writes its manifest as it completes. A manifest outlives its file: an EXPIRED run still has one.
 */
@Component
public class ManifestRecords {

    private static final String SELECT = """
            select m.run_id, r.report_id, m.partner_company_id, pc.name as partner_name, m.requested_by, m.cutoff_at,
                   m.consent_not_before, m.columns, m.row_count, m.withdrawn_count, m.sha256, m.created_at,
                   r.status, r.format, r.file_name, r.expires_at, r.file_deleted_at
              from run_manifest m
              join report_run r on r.id = m.run_id
              join partner_company pc on pc.id = m.partner_company_id
            """;

    /**
     * One run's manifest. {@code status} is the run's: COMPLETED while its file can be downloaded, EXPIRED once
     * housekeeping deleted it ({@code fileDeletedAt}); the manifest stays either way.
     */
    public record Manifest(long runId, String reportId, long partnerCompanyId, String partnerCompanyName,
            String requestedBy, Instant cutoffAt, Instant consentNotBefore, List<String> columns, long rowCount,
            long withdrawnCount, String sha256, Instant createdAt, String status, String format, String fileName,
            Instant expiresAt, Instant fileDeletedAt, List<RunRecipients.Recipient> recipients) {

        @JsonProperty
        public boolean fileAvailable() {
            return "COMPLETED".equals(status);
        }

        /** For the audit log: which manifest. */
        public String summary() {
            return "manifest of run " + runId + " (" + reportId + " for partner company " + partnerCompanyId + " '"
                    + partnerCompanyName + "', " + rowCount + " customers)";
        }
    }

    private final JdbcClient jdbc;

    private final RunRecipients recipients;

    ManifestRecords(JdbcClient jdbc, RunRecipients recipients) {
        this.jdbc = jdbc;
        this.recipients = recipients;
    }

    /** The run's manifest with its recipients; empty when the run carried no personal data (or does not exist). */
    @Transactional(readOnly = true)
    public Optional<Manifest> find(long runId) {
        return jdbc.sql(SELECT + " where m.run_id = :run")
                .param("run", runId)
                .query((rs, row) -> manifest(rs))
                .optional()
                .map(this::withRecipients);
    }

    /** A partner company's manifests, newest first, each with its recipients. */
    @Transactional(readOnly = true)
    public List<Manifest> ofPartnerCompany(long partnerCompanyId, int limit) {
        return jdbc.sql(SELECT + " where m.partner_company_id = :partner order by m.created_at desc, m.run_id desc"
                        + " limit :limit")
                .param("partner", partnerCompanyId)
                .param("limit", limit)
                .query((rs, row) -> manifest(rs))
                .list().stream().map(this::withRecipients).toList();
    }

    private Manifest withRecipients(Manifest manifest) {
        return new Manifest(manifest.runId(), manifest.reportId(), manifest.partnerCompanyId(),
                manifest.partnerCompanyName(), manifest.requestedBy(), manifest.cutoffAt(), manifest.consentNotBefore(),
                manifest.columns(), manifest.rowCount(), manifest.withdrawnCount(), manifest.sha256(),
                manifest.createdAt(), manifest.status(), manifest.format(), manifest.fileName(), manifest.expiresAt(),
                manifest.fileDeletedAt(), recipients.of(manifest.runId()));
    }

    private static Manifest manifest(ResultSet rs) throws SQLException {
        return new Manifest(rs.getLong("run_id"), rs.getString("report_id"), rs.getLong("partner_company_id"),
                rs.getString("partner_name"), rs.getString("requested_by"), instant(rs, "cutoff_at"),
                instant(rs, "consent_not_before"), texts(rs.getArray("columns")), rs.getLong("row_count"),
                rs.getLong("withdrawn_count"), rs.getString("sha256"), instant(rs, "created_at"),
                rs.getString("status"), rs.getString("format"), rs.getString("file_name"), instant(rs, "expires_at"),
                instant(rs, "file_deleted_at"), List.of());
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
