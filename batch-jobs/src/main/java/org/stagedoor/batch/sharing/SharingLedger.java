package org.stagedoor.batch.sharing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.opencsv.CSVWriter;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.ColumnType;

/**
 * Writes what a partner run shares (R-6, P-8): a ledger entry per customer in its file, the withdrawal notices
 * its delivery carries, and its manifest. A run's entries are written as its rows are, and its manifest, which
 * makes the run complete, only once they all are: the ledger of a completed run lists exactly the customers in
 * its file.
 */
@Component
public class SharingLedger {

    /** The appendix of a partner's list: the customers it must stop contacting. */
    public static final String WITHDRAWN_TITLE = "Withdrawn";

    public static final List<Column> WITHDRAWN_COLUMNS = List.of(new Column("Customer id", ColumnType.INTEGER),
            new Column("Email", ColumnType.TEXT), new Column("Withdrawn", ColumnType.TEXT),
            new Column("Since", ColumnType.TIMESTAMP));

    /** What a run's manifest says; see {@code run_manifest}. */
    public record Manifest(long runId, long partnerCompanyId, String requestedBy, Instant cutoffAt,
            Instant consentNotBefore, List<String> columns, long rowCount, String sha256) {
    }

    private final JdbcClient jdbc;

    private final JdbcTemplate jdbcTemplate;

    SharingLedger(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Forgets what an earlier attempt of the run wrote: a restarted run writes its file, and so this, afresh. */
    public void restart(long runId) {
        jdbc.sql("delete from sharing_ledger where run_id = :run").param("run", runId).update();
        jdbc.sql("delete from withdrawal_notice where run_id = :run").param("run", runId).update();
    }

    /** A chunk's entries as COPY reads them, made apart from their writing ({@link #record(Entries)}). */
    public record Entries(int count, String csv) {
    }

    /** The run's entries for these customers, for {@link #record(Entries)}. */
    public static Entries entries(long runId, List<SharedCustomer> customers) {
        StringWriter text = new StringWriter(customers.size() * 96);
        // Every value quoted, so that an empty text stays one; a null stays unquoted, which COPY reads as NULL.
        try (CSVWriter csv = new CSVWriter(text, ',', '"', '"', "\n")) {
            String run = Long.toString(runId);
            for (SharedCustomer customer : customers) {
                csv.writeNext(new String[] { run, Long.toString(customer.customerId()), customer.consentState(),
                        customer.consentSetAt() == null ? null : customer.consentSetAt().toString(),
                        customer.consentChannel(), customer.email() }, true);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Entries(customers.size(), text.toString());
    }

    /**
     * Writes entries made by {@link #entries}: one {@code COPY} per chunk of rows, never a statement per row:
     * PostgreSQL reads COPY's CSV faster than it unnests arrays of the same entries
     * (docs/decisions/0012-the-sharing-ledger-written-in-bulk.md). The statement-level checks of V12 see the chunk as
     * one statement and refuse it whole.
     */
    public void record(Entries entries) {
        if (entries.count() == 0) {
            return;
        }
        jdbcTemplate.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        copy sharing_ledger (run_id, customer_id, consent_state, consent_set_at, consent_channel,
                                             shared_email)
                        from stdin with (format csv)""", new StringReader(entries.csv()));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    /**
     * Records, for a partner run, the customers the company must be told about: shared with it by an earlier
     * completed run, whose preference for it at this run's cut-off is no longer YES (or who were erased), changed
     * after they were last shared, and not already in a notice of a completed run since that change.
     *
     * @return how many
     */
    public int noticeWithdrawals(long runId, long partnerCompanyId, Instant cutoff) {
        // Only customers whose preference for the company changed since its previous completed list can be due a
        // notice: one told in that list, or shared and changed before it, was dealt with then. So the work follows
        // the preference changes of the interval, not the company's whole ledger, which grows with every list.
        return jdbc.sql("""
                with previous as (
                    select coalesce(max(m.cutoff_at), '-infinity'::timestamptz) as cutoff_at
                      from run_manifest m
                     where m.partner_company_id = :partner and m.run_id <> :run and m.cutoff_at < :cutoff
                ), changed as (
                    select distinct h.customer_id
                      from partner_preference_history h, previous p
                     where h.partner_company_id = :partner and h.set_at > p.cutoff_at and h.set_at <= :cutoff
                ), now_state as (
                    select c.customer_id, h.state, h.set_at
                      from changed c
                      join lateral (select h.state, h.set_at
                                      from partner_preference_history h
                                     where h.customer_id = c.customer_id and h.partner_company_id = :partner
                                       and h.set_at <= :cutoff
                                     order by h.set_at desc, h.id desc
                                     limit 1) h on h.state <> 'YES'
                ), shared as (
                    select n.customer_id, n.state, n.set_at, last.cutoff_at as last_shared_at, last.shared_email
                      from now_state n
                      join lateral (select r.cutoff_at, l.shared_email
                                      from sharing_ledger l
                                      join report_run r on r.id = l.run_id
                                     where l.customer_id = n.customer_id and r.partner_company_id = :partner
                                       and r.id <> :run and r.cutoff_at < :cutoff
                                       and r.status in ('COMPLETED', 'EXPIRED')
                                     order by r.cutoff_at desc
                                     limit 1) last on last.cutoff_at < n.set_at
                )
                insert into withdrawal_notice (run_id, customer_id, partner_company_id, state, withdrawn_at,
                                               shared_email)
                select :run, s.customer_id, :partner,
                       case when c.erased_at is not null and c.erased_at <= :cutoff then 'ERASED' else s.state end,
                       s.set_at, s.shared_email
                  from shared s
                  join customer c on c.id = s.customer_id
                 where not exists (select 1
                                     from withdrawal_notice w
                                     join report_run wr on wr.id = w.run_id
                                    where w.partner_company_id = :partner and w.customer_id = s.customer_id
                                      and w.run_id <> :run and wr.status in ('COMPLETED', 'EXPIRED')
                                      and w.withdrawn_at >= s.set_at)
                """)
                .param("run", runId)
                .param("partner", partnerCompanyId)
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    /**
     * A customer the company must stop contacting: the address it was sent, why (NO, NOT_ASKED or ERASED) and
     * since when.
     */
    public record Withdrawal(long customerId, String email, String state, String reason, Instant withdrawnAt) {

        static Withdrawal of(long customerId, String email, String state, Instant withdrawnAt) {
            String reason = switch (state) {
                case "NO" -> "Said no";
                case "ERASED" -> "Erased at their request";
                default -> "Preference withdrawn";
            };
            return new Withdrawal(customerId, email, state, reason, withdrawnAt);
        }
    }

    /** The withdrawal notices a run carries, by customer id. */
    public List<Withdrawal> notices(long runId) {
        return notices(runId, Integer.MAX_VALUE);
    }

    /**
     * The first {@code limit} withdrawal notices a run carries, by customer id (a mail lists only so many). A list sent
     * as its changes already names its leavers, by number alone: they are not named again here by their address.
     */
    public List<Withdrawal> notices(long runId, int limit) {
        return jdbc.sql("""
                select w.customer_id, w.shared_email, w.state, w.withdrawn_at
                  from withdrawal_notice w
                 where w.run_id = :run
                   and not exists (select 1 from list_leaver v
                                    where v.run_id = w.run_id and v.customer_id = w.customer_id)
                 order by w.customer_id
                 limit :limit
                """)
                .param("run", runId)
                .param("limit", limit)
                .query((rs, row) -> Withdrawal.of(rs.getLong("customer_id"), rs.getString("shared_email"),
                        rs.getString("state"), rs.getTimestamp("withdrawn_at").toInstant()))
                .list();
    }

    /** How many withdrawal notices a run carries, as {@link #notices(long, int)} lists them. */
    public long noticeCount(long runId) {
        return jdbc.sql("""
                select count(*)
                  from withdrawal_notice w
                 where w.run_id = :run
                   and not exists (select 1 from list_leaver v
                                    where v.run_id = w.run_id and v.customer_id = w.customer_id)
                """).param("run", runId).query(Long.class).single();
    }

    /** The run's withdrawal notices as rows of {@link #WITHDRAWN_COLUMNS}. */
    public List<Object[]> withdrawals(long runId) {
        return notices(runId).stream().map(notice -> new Object[] { notice.customerId(), notice.email(),
                notice.reason(), notice.withdrawnAt() }).toList();
    }

    /** The run's manifest, once its file is complete; kept after the file expires. */
    public void recordManifest(Manifest manifest) {
        jdbc.sql("""
                insert into run_manifest (run_id, partner_company_id, requested_by, cutoff_at, consent_not_before,
                                          columns, row_count, withdrawn_count, sha256)
                values (:run, :partner, :requestedBy, :cutoff, :notBefore, :columns, :rows,
                        (select count(*) from withdrawal_notice where run_id = :run), :sha256)
                on conflict (run_id) do nothing
                """)
                .param("run", manifest.runId())
                .param("partner", manifest.partnerCompanyId())
                .param("requestedBy", manifest.requestedBy())
                .param("cutoff", Timestamp.from(manifest.cutoffAt()))
                .param("notBefore", manifest.consentNotBefore() == null ? null
                        : Timestamp.from(manifest.consentNotBefore()))
                .param("columns", new SqlArrayValue("text", manifest.columns().toArray()))
                .param("rows", manifest.rowCount())
                .param("sha256", manifest.sha256())
                .update();
    }
}
