package org.stagedoor.batch.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.NotFoundException;

/**
 * Subject access (R-6, P-8): for one customer, every run whose file carried their personal data to a partner
 * company — which company, when, under which consent, with which email, and who received the file — and the
 * withdrawal notices partner companies were sent about them. Read from the sharing ledger, which keeps the
 * record after the file itself has expired. Only runs that produced a file (COMPLETED, later EXPIRED) count:
 * a failed or stopped run shared nothing.
 */
@Component
public class SubjectAccess {

    static final String CUSTOMER = """
            select id, customer_name(kind, title, first_name, last_name, organisation_name) as name, email, erased_at
              from customer where id = :customer
            """;

    /**
     * Newest first; the ledger's customer index finds the entries, each joined to its run and company. Public, like
     * {@link #RECIPIENTS} and {@link #NOTICES}, so that the subject-access bench can EXPLAIN the statements it times.
     */
    public static final String SHARED = """
            select l.run_id, r.report_id, r.partner_company_id, pc.name as partner_name, r.cutoff_at, r.finished_at,
                   r.status, r.expires_at, r.file_deleted_at, l.consent_state, l.consent_set_at, l.consent_channel,
                   l.shared_email
              from sharing_ledger l
              join report_run r on r.id = l.run_id
              join partner_company pc on pc.id = r.partner_company_id
             where l.customer_id = :customer
               and r.status in ('COMPLETED', 'EXPIRED')
             order by r.cutoff_at desc, l.run_id desc
            """;

    /** The recipients of those same runs, in one statement whatever their number. */
    public static final String RECIPIENTS = """
            select rr.run_id, rr.kind, rr.recipient, rr.how, rr.first_at, rr.last_at
              from run_recipient rr
             where rr.run_id in (select l.run_id from sharing_ledger l
                                   join report_run r on r.id = l.run_id
                                  where l.customer_id = :customer and r.status in ('COMPLETED', 'EXPIRED'))
             order by rr.run_id, rr.first_at, rr.id
            """;

    public static final String NOTICES = """
            select w.run_id, w.partner_company_id, pc.name as partner_name, w.state, w.withdrawn_at, w.shared_email,
                   r.finished_at
              from withdrawal_notice w
              join report_run r on r.id = w.run_id
              join partner_company pc on pc.id = w.partner_company_id
             where w.customer_id = :customer
               and r.status in ('COMPLETED', 'EXPIRED')
            union all
            select v.run_id, v.partner_company_id, pc.name, 'LEFT_' || v.reason, r.cutoff_at,
                   (select l.shared_email
                      from sharing_ledger l join report_run lr on lr.id = l.run_id
                     where l.customer_id = v.customer_id and lr.partner_company_id = v.partner_company_id
                       and lr.id < v.run_id
                     order by lr.id desc
                     limit 1),
                   r.finished_at
              from list_leaver v
              join report_run r on r.id = v.run_id
              join partner_company pc on pc.id = v.partner_company_id
             where v.customer_id = :customer
               and r.status in ('COMPLETED', 'EXPIRED')
             order by finished_at desc nulls last, run_id desc
            """;

    /** The answer for one customer: who they are now, and what was shared about them and when. */
    public record Report(long customerId, String name, String email, Instant erasedAt, List<SharedRun> shared,
            List<Notice> notices) {

        @JsonProperty
        public boolean erased() {
            return erasedAt != null;
        }

        /** For the audit log: whose data was looked up, and how much there was. */
        public String summary() {
            return "customer " + customerId + ": shared in " + shared.size() + " run(s) with "
                    + partnerCompanies().size() + " partner company(ies), " + notices.size() + " withdrawal notice(s)";
        }

        /** The partner companies that received the customer's data, each once, in the order first listed. */
        @JsonProperty
        public List<String> partnerCompanies() {
            return shared.stream().map(SharedRun::partnerName).distinct().toList();
        }
    }

    /**
     * One run that shared the customer's data: the consent behind it at the run's cut-off (P-8), the email as
     * it was shared, who received the file, and whether the file still exists ({@code status} EXPIRED: deleted
     * after its retention, the record kept).
     */
    public record SharedRun(long runId, String reportId, long partnerCompanyId, String partnerName, Instant cutoffAt,
            Instant madeAt, String status, Instant expiresAt, Instant fileDeletedAt, String consentState,
            Instant consentSetAt, String consentChannel, String sharedEmail, List<RunRecipients.Recipient> recipients) {

        @JsonProperty
        public boolean fileAvailable() {
            return "COMPLETED".equals(status);
        }
    }

    /**
     * A partner company told, in the file of run {@code runId}, that the customer withdrew or was erased, or, in a
     * list sent as its changes, that they left it ({@code state} LEFT_ and the reason: LEFT_WITHDREW, LEFT_NO_MATCH…;
     * {@code withdrawnAt} that run's cut-off).
     */
    public record Notice(long runId, long partnerCompanyId, String partnerName, String state, Instant withdrawnAt,
            String sharedEmail, Instant sentAt) {
    }

    private final JdbcClient jdbc;

    SubjectAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Everything shared about the customer; {@link NotFoundException} when there is no such customer. */
    @Transactional(readOnly = true)
    public Report of(long customerId) {
        Report customer = jdbc.sql(CUSTOMER).param("customer", customerId)
                .query((rs, row) -> new Report(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        instant(rs, "erased_at"), List.of(), List.of()))
                .optional()
                .orElseThrow(() -> new NotFoundException("customer", customerId));
        Map<Long, List<RunRecipients.Recipient>> recipients = new LinkedHashMap<>();
        jdbc.sql(RECIPIENTS).param("customer", customerId).query((ResultSet rs) -> {
            recipients.computeIfAbsent(rs.getLong("run_id"), run -> new ArrayList<>())
                    .add(new RunRecipients.Recipient(rs.getLong("run_id"),
                            RunRecipients.Kind.valueOf(rs.getString("kind")), rs.getString("recipient"),
                            RunRecipients.How.valueOf(rs.getString("how")), instant(rs, "first_at"),
                            instant(rs, "last_at")));
        });
        List<SharedRun> shared = jdbc.sql(SHARED).param("customer", customerId)
                .query((rs, row) -> new SharedRun(rs.getLong("run_id"), rs.getString("report_id"),
                        rs.getLong("partner_company_id"), rs.getString("partner_name"), instant(rs, "cutoff_at"),
                        instant(rs, "finished_at"), rs.getString("status"), instant(rs, "expires_at"),
                        instant(rs, "file_deleted_at"), rs.getString("consent_state"), instant(rs, "consent_set_at"),
                        rs.getString("consent_channel"), rs.getString("shared_email"),
                        List.copyOf(recipients.getOrDefault(rs.getLong("run_id"), List.of()))))
                .list();
        List<Notice> notices = jdbc.sql(NOTICES).param("customer", customerId)
                .query((rs, row) -> new Notice(rs.getLong("run_id"), rs.getLong("partner_company_id"),
                        rs.getString("partner_name"), rs.getString("state"), instant(rs, "withdrawn_at"),
                        rs.getString("shared_email"), instant(rs, "finished_at")))
                .list();
        return new Report(customer.customerId(), customer.name(), customer.email(), customer.erasedAt(), shared,
                notices);
    }

    /**
     * The customer as the person asking knows them: by id (digits) or by email (any case); empty when there is
     * no such customer.
     */
    public Optional<Long> find(String idOrEmail) {
        String text = idOrEmail.strip();
        if (text.matches("\\d{1,18}")) {
            return jdbc.sql("select id from customer where id = :id").param("id", Long.parseLong(text))
                    .query(Long.class).optional();
        }
        return jdbc.sql("select id from customer where lower(email) = lower(:email)").param("email", text)
                .query(Long.class).optional();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
