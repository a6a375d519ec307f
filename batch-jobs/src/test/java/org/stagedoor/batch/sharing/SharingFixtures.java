package org.stagedoor.batch.sharing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of the sharing records (R-6, P-8) written straight into the store, as a run would leave them: customers,
 * partner companies, finished runs, ledger entries, recipients, withdrawal notices and manifests. For the tests
 * of the read side, in this module and the portal's.
 */
public final class SharingFixtures {

    /** A run's file checksum; any 64 hex digits do for the records. */
    public static final String SHA256 = "ab".repeat(32);

    private final JdbcClient jdbc;

    public SharingFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long customer(String firstName, String lastName, String email) {
        return jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                values ('INDIVIDUAL', :first, :last, :email, 'BOX_OFFICE') returning id
                """)
                .param("first", firstName).param("last", lastName).param("email", email)
                .query(Long.class).single();
    }

    public long partner(String name) {
        return jdbc.sql("insert into partner_company (name, collects_preferences) values (:name, true) returning id")
                .param("name", name).query(Long.class).single();
    }

    /**
     * A run of the opt-in list for the partner company, cut off at {@code cutoff}, finished a minute later, in
     * {@code status}: COMPLETED (file kept), EXPIRED (file deleted), or a run that produced nothing (FAILED…).
     */
    public long run(long partnerCompanyId, String status, Instant cutoff) {
        boolean finished = status.equals("COMPLETED") || status.equals("EXPIRED");
        return jdbc.sql("""
                insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                        parameters_resolved, format, status, cutoff_at, created_at, started_at,
                                        finished_at, row_count, file_size, sha256, file_name, location, expires_at,
                                        file_deleted_at, error_message)
                values ('partner-optin-list', :partner, 'ann@northern.example', '{}', '{}', 'CSV', :status, :cutoff,
                        :cutoff, :cutoff, :finished, :rows, :size, :sha, :name, :location, :expires, :deleted, :error)
                returning id
                """)
                .param("partner", partnerCompanyId)
                .param("status", status)
                .param("cutoff", Timestamp.from(cutoff))
                .param("finished", Timestamp.from(cutoff.plusSeconds(60)))
                .param("rows", finished ? 2L : null)
                .param("size", finished ? 100L : null)
                .param("sha", finished ? SHA256 : null)
                .param("name", finished ? "optin.csv" : null)
                .param("location", finished ? "/nowhere/optin.csv" : null)
                .param("expires", finished ? Timestamp.from(cutoff.plusSeconds(30 * 86400)) : null)
                .param("deleted", status.equals("EXPIRED") ? Timestamp.from(cutoff.plusSeconds(31 * 86400)) : null)
                .param("error", finished ? null : "failed on purpose")
                .query(Long.class).single();
    }

    /** The ledger entry: the run's file held the customer, with this consent at the cut-off and this email. */
    public void shared(long runId, long customerId, Instant consentSetAt, String channel, String email) {
        jdbc.sql("""
                insert into sharing_ledger (run_id, customer_id, consent_state, consent_set_at, consent_channel,
                                            shared_email)
                values (:run, :customer, 'YES', :setAt, :channel, :email)
                """)
                .param("run", runId).param("customer", customerId)
                .param("setAt", Timestamp.from(consentSetAt)).param("channel", channel).param("email", email)
                .update();
    }

    public void recipient(long runId, RunRecipients.Kind kind, String recipient, RunRecipients.How how) {
        jdbc.sql("""
                insert into run_recipient (run_id, kind, recipient, how) values (:run, :kind, :recipient, :how)
                """)
                .param("run", runId).param("kind", kind.name()).param("recipient", recipient).param("how", how.name())
                .update();
    }

    public void notice(long runId, long customerId, long partnerCompanyId, String state, Instant withdrawnAt,
            String email) {
        jdbc.sql("""
                insert into withdrawal_notice (run_id, customer_id, partner_company_id, state, withdrawn_at,
                                               shared_email)
                values (:run, :customer, :partner, :state, :at, :email)
                """)
                .param("run", runId).param("customer", customerId).param("partner", partnerCompanyId)
                .param("state", state).param("at", Timestamp.from(withdrawnAt)).param("email", email)
                .update();
    }

    public void manifest(long runId, long partnerCompanyId, String requestedBy, Instant cutoff, List<String> columns,
            long rowCount) {
        jdbc.sql("""
                insert into run_manifest (run_id, partner_company_id, requested_by, cutoff_at, consent_not_before,
                                          columns, row_count, withdrawn_count, sha256)
                values (:run, :partner, :by, :cutoff, null, cast(:columns as text[]), :rows, 1, :sha)
                """)
                .param("run", runId).param("partner", partnerCompanyId).param("by", requestedBy)
                .param("cutoff", Timestamp.from(cutoff)).param("columns", columns.toArray(String[]::new))
                .param("rows", rowCount).param("sha", SHA256)
                .update();
    }

    /** What housekeeping does when the file's retention ends: file gone, run EXPIRED, records kept. */
    public void expire(long runId) {
        jdbc.sql("update report_run set status = 'EXPIRED', file_deleted_at = now() where id = :run")
                .param("run", runId).update();
    }
}
