package org.stagedoor.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.batch.run.ReportRun;

/**
 * The sharing ledger's part of a personal-data export's floor: the entries a run recorded, one per row of its file
 * with the same values, written again by one {@code COPY ... FROM STDIN} and committed, as a run's ledger is. They
 * belong to a run record of the bench's own (FAILED, so that nothing reads them as a share) and are deleted after
 * each round, and the record at the end: V12 refuses updating an entry and deleting a run that has entries, not
 * deleting entries.
 */
final class LedgerCopy implements AutoCloseable {

    private final JdbcClient jdbc;

    private final DataSource dataSource;

    private final long runId;

    private final ReportRun source;

    private byte[] entries;

    private LedgerCopy(JdbcClient jdbc, DataSource dataSource, long runId, ReportRun source) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.runId = runId;
        this.source = source;
    }

    /** The entries {@code run} recorded, readied in memory as COPY's CSV for a run record made for them. */
    static LedgerCopy of(JdbcClient jdbc, DataSource dataSource, ReportRun run) throws SQLException, IOException {
        long runId = jdbc.sql("""
                insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                        parameters_resolved, format, status, cutoff_at, finished_at, error_message)
                select report_id, partner_company_id, 'bench', parameters_given, parameters_resolved, format,
                       'FAILED', cutoff_at, now(), 'Made by the report bench for its floor, and removed after it.'
                  from report_run
                 where id = :run
                returning id
                """).param("run", run.id()).query(Long.class).single();
        LedgerCopy ledger = new LedgerCopy(jdbc, dataSource, runId, run);
        try {
            ledger.entries = ledger.read();
            return ledger;
        }
        catch (SQLException | IOException | RuntimeException ex) {
            ledger.close();
            throw ex;
        }
    }

    private byte[] read() throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // Both ids are this program's own numbers. In the file's order, as the run wrote them.
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                    copy (select %d, customer_id, consent_state, consent_set_at, consent_channel, shared_email
                            from sharing_ledger where run_id = %d order by customer_id)
                      to stdout with (format csv)""".formatted(runId, source.id()), out);
            if (copied != source.rowCount()) {
                throw new IllegalStateException("Run " + source.id() + " has " + copied + " ledger entries for "
                        + source.rowCount() + " rows");
            }
            return out.toByteArray();
        }
    }

    /**
     * Writes the entries in one transaction and commits; returns its seconds. Checks, untimed, that they are the
     * run's own entries, every one; they are gone afterwards.
     */
    double copyIn() throws SQLException, IOException {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy sharing_ledger (run_id, customer_id, consent_state, consent_set_at, consent_channel,
                                         shared_email)
                    from stdin with (format csv)""", new ByteArrayInputStream(entries));
            connection.commit();
            connection.setAutoCommit(true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Untimed: without statistics of the entries just written, the check below can plan a scan of every run's
        // entries for each of them, which took minutes once the ledger held a few million.
        jdbc.sql("analyze sharing_ledger").update();
        long same = jdbc.sql("""
                select count(*)
                  from sharing_ledger copied
                  join sharing_ledger recorded on recorded.customer_id = copied.customer_id
                 where copied.run_id = :copy and recorded.run_id = :run
                   and (copied.consent_state, copied.consent_set_at, copied.consent_channel, copied.shared_email)
                       is not distinct from (recorded.consent_state, recorded.consent_set_at,
                                             recorded.consent_channel, recorded.shared_email)
                """).param("copy", runId).param("run", source.id()).query(Long.class).single();
        removeEntries();
        if (same != source.rowCount()) {
            throw new IllegalStateException("The floor wrote " + same + " entries like run " + source.id()
                    + "'s, not " + source.rowCount());
        }
        return seconds;
    }

    /**
     * Deletes the entries, and vacuums the ledger so that the next round writes into a table without them, as a
     * run does.
     */
    private void removeEntries() {
        jdbc.sql("delete from sharing_ledger where run_id = :run").param("run", runId).update();
        jdbc.sql("vacuum sharing_ledger").update();
    }

    @Override
    public void close() {
        removeEntries();
        jdbc.sql("delete from report_run where id = :run").param("run", runId).update();
    }
}
