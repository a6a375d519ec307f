package org.stagedoor.admin;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A schedule's recent sends, newest first, for its page: when each was due, for whom it ran, its runs and what became
 * of each message, all in words. A page holds {@value #PAGE} sends; older ones are read from the last one shown, so a
 * deep page costs what the first does.
 */
@Component
class ScheduleSends {

    /** How many sends a page shows. */
    static final int PAGE = 10;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private final JdbcClient jdbc;

    ScheduleSends(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One time the schedule was due, or run by hand, and what came of it. */
    record Send(long id, ZonedDateTime dueAt, boolean byHand, String outcome, List<SendRun> runs) {
    }

    /** A run of a send, for one partner company or for the venue, and the messages that took it. */
    record SendRun(long runId, String forWhom, String status, List<Message> messages) {
    }

    /** A message of a run: to whom, and what became of it. */
    record Message(String recipient, String outcome, boolean needsAttention) {
    }

    /** A page of sends, and the send to read older ones from (null when there are none). */
    record Page(List<Send> sends, Long olderFrom) {
    }

    /** The sends of a schedule due before the send {@code before} (all when null), newest first. */
    Page recent(long scheduleId, ZoneId zone, Long before) {
        record Fire(long id, Instant dueAt, String kind, String outcome) {
        }
        List<Fire> fires = jdbc.sql("""
                select f.id, f.due_at, f.kind, f.outcome
                  from schedule_fire f
                 where f.schedule_id = :schedule
                   and (cast(:before as bigint) is null
                        or (f.due_at, f.id) < (select b.due_at, b.id from schedule_fire b
                                                where b.id = :before and b.schedule_id = :schedule))
                 order by f.due_at desc, f.id desc
                 limit :limit
                """)
                .param("schedule", scheduleId).param("before", before).param("limit", PAGE + 1)
                .query((rs, row) -> new Fire(rs.getLong("id"), rs.getTimestamp("due_at").toInstant(),
                        rs.getString("kind"), rs.getString("outcome")))
                .list();
        boolean more = fires.size() > PAGE;
        List<Fire> shown = more ? fires.subList(0, PAGE) : fires;
        Map<Long, List<SendRun>> runs = runs(shown.stream().map(Fire::id).toList(), zone);
        List<Send> sends = new ArrayList<>();
        for (Fire fire : shown) {
            List<SendRun> ofFire = runs.getOrDefault(fire.id(), List.of());
            sends.add(new Send(fire.id(), fire.dueAt().atZone(zone), fire.kind().equals("RUN_NOW"),
                    outcome(fire.outcome(), ofFire), ofFire));
        }
        return new Page(sends, more ? shown.get(shown.size() - 1).id() : null);
    }

    private Map<Long, List<SendRun>> runs(List<Long> fireIds, ZoneId zone) {
        Map<Long, List<SendRun>> runs = new LinkedHashMap<>();
        if (fireIds.isEmpty()) {
            return runs;
        }
        record Row(long fireId, long runId, String company, String status, Long rows, String recipient,
                String delivery, int attempts, Timestamp sentAt, Timestamp nextAttemptAt) {
        }
        List<Row> rows = jdbc.sql("""
                select fr.fire_id, r.id as run_id, pc.name as company, r.status, r.row_count,
                       d.recipient, d.status as delivery, d.attempts, d.sent_at, d.next_attempt_at
                  from schedule_fire_run fr
                  join report_run r on r.id = fr.run_id
                  left join partner_company pc on pc.id = r.partner_company_id
                  left join delivery d on d.run_id = r.id and d.kind = 'REPORT'
                 where fr.fire_id in (:fires)
                 order by fr.fire_id, lower(coalesce(pc.name, '')), r.id, lower(d.recipient), d.id
                """)
                .param("fires", fireIds)
                .query((rs, row) -> new Row(rs.getLong("fire_id"), rs.getLong("run_id"), rs.getString("company"),
                        rs.getString("status"), (Long) rs.getObject("row_count"), rs.getString("recipient"),
                        rs.getString("delivery"), rs.getInt("attempts"), rs.getTimestamp("sent_at"),
                        rs.getTimestamp("next_attempt_at")))
                .list();
        Map<Long, SendRun> byRun = new LinkedHashMap<>();
        for (Row row : rows) {
            SendRun run = byRun.computeIfAbsent(row.runId(), id -> {
                SendRun created = new SendRun(id, row.company() == null ? "the venue" : row.company(),
                        runStatus(row.status(), row.rows()), new ArrayList<>());
                runs.computeIfAbsent(row.fireId(), fire -> new ArrayList<>()).add(created);
                return created;
            });
            if (row.recipient() != null) {
                run.messages().add(new Message(row.recipient(), delivery(row.delivery(), row.attempts(),
                        row.sentAt(), row.nextAttemptAt(), zone), row.delivery().equals("FAILED")
                                || row.delivery().equals("UNKNOWN")));
            }
        }
        return runs;
    }

    private static String outcome(String outcome, List<SendRun> runs) {
        return switch (outcome) {
            case "RAN" -> runs.size() == 1 ? "Ran for " + runs.get(0).forWhom()
                    : "Ran for " + runs.size() + " partner companies";
            case "SKIPPED_MISFIRE" -> "Skipped: it was missed while every server was down or the schedule was"
                    + " paused, and it is set to wait for the next time";
            case "NOTHING_TO_RUN" -> "Nothing to send: no partner company had a performance in the period";
            case "NOT_RUN" -> "Not sent: its saved report was withdrawn or no longer takes the schedule's settings"
                    + " (the administrators were told by email)";
            default -> "Unknown";
        };
    }

    private static String runStatus(String status, Long rows) {
        String rowWords = rows == null ? "" : rows == 1 ? ", 1 row" : ", " + rows + " rows";
        return switch (status) {
            case "QUEUED" -> "waiting to run";
            case "RUNNING" -> "running";
            case "COMPLETED" -> "ready" + rowWords;
            case "EXPIRED" -> "ready" + rowWords + "; its file has since been deleted";
            case "FAILED" -> "failed";
            case "STOPPED" -> "stopped";
            default -> "unknown";
        };
    }

    private static String delivery(String status, int attempts, Timestamp sentAt, Timestamp nextAttemptAt,
            ZoneId zone) {
        return switch (status) {
            case "SENT" -> "sent" + (sentAt == null ? "" : " at " + TIME.format(sentAt.toInstant().atZone(zone)));
            case "PENDING" -> attempts == 0 ? "waiting to be sent"
                    : "not sent yet: will try again at " + TIME.format(nextAttemptAt.toInstant().atZone(zone));
            case "SENDING" -> "being sent";
            case "FAILED" -> "not sent: the mail server refused it";
            case "UNKNOWN" -> "may not have arrived: the mail server did not confirm it";
            default -> "unknown";
        };
    }
}
