package org.stagedoor.batch.sharing;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who received a run's file (the manifest's recipients): addresses it was emailed to, portal users and API
 * tokens that downloaded it, SFTP servers it was uploaded to and web addresses whose link was followed. Recording
 * the same recipient again only moves its {@code last_at}.
 */
@Component
public class RunRecipients {

    public enum Kind {
        EMAIL, PORTAL_USER, API_TOKEN, SFTP, WEBHOOK
    }

    public enum How {
        ATTACHMENT, LINK, DOWNLOAD, UPLOAD
    }

    public record Recipient(long runId, Kind kind, String recipient, How how, Instant firstAt,
            Instant lastAt) {
    }

    private final JdbcClient jdbc;

    RunRecipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that {@code recipient} received run {@code runId}'s file; in the caller's transaction. */
    public void record(long runId, Kind kind, String recipient, How how) {
        jdbc.sql("""
                insert into run_recipient (run_id, kind, recipient, how)
                values (:run, :kind, :recipient, :how)
                on conflict (run_id, kind, lower(recipient), how) do update set last_at = now()
                """)
                .param("run", runId)
                .param("kind", kind.name())
                .param("recipient", recipient)
                .param("how", how.name())
                .update();
    }

    public List<Recipient> of(long runId) {
        return jdbc.sql("""
                select run_id, kind, recipient, how, first_at, last_at
                  from run_recipient where run_id = :run order by first_at, id
                """)
                .param("run", runId)
                .query((rs, row) -> new Recipient(rs.getLong("run_id"), Kind.valueOf(rs.getString("kind")),
                        rs.getString("recipient"), How.valueOf(rs.getString("how")),
                        rs.getTimestamp("first_at").toInstant(), rs.getTimestamp("last_at").toInstant()))
                .list();
    }
}
