package org.stagedoor.scheduler.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.scheduler.destination.Destination;

/**
 * The SQL of the {@code delivery} outbox. Times that decide who sends what and when ({@code next_attempt_at},
 * {@code claimed_at}) are the database's, so that every node judges them on the same clock.
 */
@Component
class DeliveryStore {

    /** Longest {@code last_error} kept: enough for a server's reply and our explanation, not a stack trace. */
    private static final int MAX_ERROR_LENGTH = 2000;

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns whether the row was new; an existing one for the same fire or run and recipient stays as it is. */
    boolean insertReport(long runId, Long scheduleId, Instant dueAt, Long partnerKey, Recipient recipient,
            DeliveryMode mode, String subject) {
        return jdbc.sql("""
                insert into delivery (kind, run_id, schedule_id, due_at, partner_key, recipient, partner_user_id, mode,
                                      subject)
                values ('REPORT', :run, :schedule, :dueAt, :partnerKey, :recipient, :partnerUser, :mode, :subject)
                on conflict do nothing
                """)
                .param("run", runId)
                .param("schedule", scheduleId)
                .param("dueAt", dueAt == null ? null : Timestamp.from(dueAt))
                .param("partnerKey", partnerKey)
                .param("recipient", recipient.email())
                .param("partnerUser", recipient.partnerUserId())
                .param("mode", mode.name())
                .param("subject", subject)
                .update() == 1;
    }

    /** As {@link #insertReport}, to one of the partner company's destinations. */
    boolean insertDestination(long runId, Long scheduleId, Instant dueAt, Long partnerKey, Destination destination,
            DeliveryMode mode, String subject) {
        return jdbc.sql("""
                insert into delivery (kind, run_id, schedule_id, due_at, partner_key, recipient, destination_id, mode,
                                      subject)
                values ('REPORT', :run, :schedule, :dueAt, :partnerKey, :recipient, :destination, :mode, :subject)
                on conflict do nothing
                """)
                .param("run", runId)
                .param("schedule", scheduleId)
                .param("dueAt", dueAt == null ? null : Timestamp.from(dueAt))
                .param("partnerKey", partnerKey)
                .param("recipient", destination.where())
                .param("destination", destination.id())
                .param("mode", mode.name())
                .param("subject", subject)
                .update() == 1;
    }

    /**
     * Marks a webhook delivery's link as followed; false when it was followed before (a link works once) or the
     * delivery is not to a destination. Its state does not matter: a receiver may follow the link before it answers
     * the message that carried it.
     */
    boolean useLink(long id) {
        return jdbc.sql("""
                update delivery set link_used_at = now()
                 where id = :id and destination_id is not null and link_used_at is null
                """).param("id", id).update() == 1;
    }

    /** Returns whether the row was new: a notice is written once per key and recipient. */
    boolean insertNotice(String noticeKey, String recipient, String subject, String text) {
        return jdbc.sql("""
                insert into delivery (kind, recipient, subject, notice_key, notice_text)
                values ('NOTICE', :recipient, :subject, :key, :text)
                on conflict do nothing
                """)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("key", noticeKey)
                .param("text", text)
                .update() == 1;
    }

    /**
     * Claims up to {@code limit} due PENDING rows for {@code node}: rows another transaction is claiming are
     * skipped, not waited for, so concurrent senders each get their own.
     */
    List<Delivery> claimDue(String node, int limit) {
        return jdbc.sql("""
                with due as (
                    select id from delivery
                     where status = 'PENDING' and next_attempt_at <= now()
                     order by next_attempt_at, id
                     limit :limit
                       for update skip locked
                )
                update delivery d
                   set status = 'SENDING', claimed_by = :node, claimed_at = now()
                  from due
                 where d.id = due.id
                returning d.*
                """)
                .param("node", node)
                .param("limit", limit)
                .query(DeliveryStore::delivery).list()
                .stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    /**
     * Renews the claim of a row just before its message goes out, so that its time SENDING counts from then; false
     * when the row is no longer this node's to send (declared stale by another node meanwhile).
     */
    boolean renewClaim(long id, String node) {
        return jdbc.sql("""
                update delivery set claimed_at = now()
                 where id = :id and status = 'SENDING' and claimed_by = :node
                """).param("id", id).param("node", node).update() == 1;
    }

    /**
     * Records an accepted message. A row declared UNKNOWN meanwhile (this node looked dead) becomes SENT too: what
     * happened is now known.
     */
    boolean sent(long id, String node, String messageId) {
        return jdbc.sql("""
                update delivery
                   set status = 'SENT', sent_at = now(), message_id = :messageId, attempts = attempts + 1,
                       last_error = null
                 where id = :id and status in ('SENDING', 'UNKNOWN') and claimed_by = :node
                """).param("id", id).param("node", node).param("messageId", messageId).update() == 1;
    }

    /** Puts a row back for another attempt after {@code wait}, counting the attempt. */
    boolean retryLater(long id, String node, Duration wait, String error) {
        return jdbc.sql("""
                update delivery
                   set status = 'PENDING', attempts = attempts + 1,
                       next_attempt_at = now() + make_interval(secs => :waitSeconds), last_error = :error
                 where id = :id and status = 'SENDING' and claimed_by = :node
                """)
                .param("id", id).param("node", node)
                .param("waitSeconds", wait.toMillis() / 1000.0)
                .param("error", trim(error))
                .update() == 1;
    }

    /** Gives a claimed row back untried (the node is stopping): due at once, no attempt counted. */
    void release(long id, String node) {
        jdbc.sql("""
                update delivery set status = 'PENDING', next_attempt_at = now()
                 where id = :id and status = 'SENDING' and claimed_by = :node
                """).param("id", id).param("node", node).update();
    }

    /** Ends a claimed row as FAILED or UNKNOWN, counting the attempt when one was made. */
    boolean finish(long id, String node, DeliveryStatus status, boolean attempted, String error) {
        return jdbc.sql("""
                update delivery
                   set status = :status, attempts = attempts + :attempted, last_error = :error
                 where id = :id and status = 'SENDING' and claimed_by = :node
                """)
                .param("id", id).param("node", node)
                .param("status", status.name())
                .param("attempted", attempted ? 1 : 0)
                .param("error", trim(error))
                .update() == 1;
    }

    /** Declares UNKNOWN the rows SENDING for longer than {@code after}; returns them. */
    List<Delivery> staleToUnknown(Duration after) {
        return jdbc.sql("""
                update delivery
                   set status = 'UNKNOWN',
                       last_error = 'Claimed by ' || claimed_by || ' at ' || to_char(claimed_at at time zone 'UTC',
                                    'YYYY-MM-DD HH24:MI:SS') || ' UTC and not finished within ' || cast(:after as text)
                                    || ': that node probably stopped while sending, so whether it went out is'
                                    || ' unknown. It is not sent again by itself.'
                 where status = 'SENDING' and claimed_at < now() - make_interval(secs => :afterSeconds)
                returning *
                """)
                .param("after", after.toString().substring(2).toLowerCase(java.util.Locale.ROOT))
                .param("afterSeconds", after.toMillis() / 1000.0)
                .query(DeliveryStore::delivery).list();
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql("select * from delivery where id = :id").param("id", id).query(DeliveryStore::delivery)
                .optional();
    }

    List<Delivery> recent(DeliveryStatus status, int limit) {
        return jdbc.sql("""
                select * from delivery
                 where cast(:status as text) is null or status = :status
                 order by created_at desc, id desc
                 limit :limit
                """)
                .param("status", status == null ? null : status.name())
                .param("limit", limit)
                .query(DeliveryStore::delivery).list();
    }

    List<Delivery> ofRun(long runId) {
        return jdbc.sql("select * from delivery where run_id = :run order by id").param("run", runId)
                .query(DeliveryStore::delivery).list();
    }

    /** FAILED or UNKNOWN back to PENDING, due now, with a fresh count of attempts; false for any other state. */
    boolean retry(long id) {
        return jdbc.sql("""
                update delivery
                   set status = 'PENDING', attempts = 0, next_attempt_at = now()
                 where id = :id and status in ('FAILED', 'UNKNOWN')
                """).param("id", id).update() == 1;
    }

    private static String trim(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        return error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    static Delivery delivery(ResultSet rs, int row) throws SQLException {
        String mode = rs.getString("mode");
        return new Delivery(rs.getLong("id"), DeliveryKind.valueOf(rs.getString("kind")),
                rs.getObject("run_id", Long.class), rs.getObject("schedule_id", Long.class), instant(rs, "due_at"),
                rs.getObject("partner_key", Long.class), rs.getString("recipient"),
                rs.getObject("partner_user_id", Long.class), mode == null ? null : DeliveryMode.valueOf(mode),
                rs.getString("subject"), rs.getString("notice_key"), rs.getString("notice_text"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                rs.getString("claimed_by"), instant(rs, "claimed_at"), instant(rs, "sent_at"),
                rs.getString("message_id"), rs.getString("last_error"), instant(rs, "created_at"),
                rs.getObject("destination_id", Long.class), instant(rs, "link_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
