package org.stagedoor.batch.sharing;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lists sent as changes (issue 18): which run each is based on, which customers the partner company holds after a
 * run, and the customers a run told it had left. What a company holds is worked out from what it was sent, never
 * from what the list says now: the ledger of the chain's full list, then each later run's new customers in, its
 * leavers out.
 */
@Component
public class ListChanges {

    /** Why a run of a schedule that sends changes is a full list all the same. */
    public enum FullBecause {

        /** Nothing was delivered to the company by this schedule before. */
        FIRST("Full list (the first delivery)"),

        /** The schedule's last delivery to the company failed or was not confirmed. */
        NOT_DELIVERED("Full list (the last delivery did not arrive)"),

        /** The list's columns are not those of the last delivery. */
        COLUMNS_CHANGED("Full list (the list's columns changed since the last delivery)"),

        /** Without the customer number nobody who left could be named without personal data. */
        NO_ID("Full list (changes need the Customer id column, to name who left)");

        private final String words;

        FullBecause(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * What a run of a schedule that sends changes sends.
     *
     * @param baseRunId    the run whose list the changes are counted from; null for a full list
     * @param baseCutoffAt when the base run's data stood; null for a full list
     * @param fullBecause  why it is a full list; null for changes
     */
    public record Plan(long runId, Long baseRunId, Instant baseCutoffAt, FullBecause fullBecause) {

        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

        public boolean changes() {
            return baseRunId != null;
        }

        /** What the run's file holds, in words, for its About sheet and its mail; dates in {@code zone}. */
        public String words(ZoneId zone) {
            if (!changes()) {
                return fullBecause.words() + "; the next deliveries send only the changes";
            }
            return "Only the changes since the list of " + DAY.format(baseCutoffAt.atZone(zone)) + " (run "
                    + baseRunId + "): add the customers marked \"New in the list\" to yours, and remove those marked"
                    + " \"Left the list\" (found by their Customer id, the only detail given for them)";
        }
    }

    /** A customer a run of changes says has left the list, and why (a code of the reasons' enum). */
    public record Leaver(long customerId, String reason) {
    }

    private final JdbcClient jdbc;

    ListChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records what a scheduled run will send, in the transaction that records the run. */
    public void plan(long runId, long scheduleId, long partnerCompanyId, Long baseRunId, FullBecause fullBecause) {
        jdbc.sql("""
                insert into list_delivery (run_id, schedule_id, partner_company_id, base_run_id, full_because)
                values (:run, :schedule, :partner, :base, :because)
                """)
                .param("run", runId).param("schedule", scheduleId).param("partner", partnerCompanyId)
                .param("base", baseRunId).param("because", fullBecause == null ? null : fullBecause.name())
                .update();
    }

    /** What a run sends, when it is a run of a schedule that sends changes. */
    public Optional<Plan> plan(long runId) {
        return jdbc.sql("""
                select d.run_id, d.base_run_id, b.cutoff_at, d.full_because
                  from list_delivery d left join report_run b on b.id = d.base_run_id
                 where d.run_id = :run
                """).param("run", runId)
                .query((rs, row) -> {
                    Timestamp baseCutoff = rs.getTimestamp("cutoff_at");
                    String because = rs.getString("full_because");
                    return new Plan(rs.getLong("run_id"), rs.getObject("base_run_id", Long.class),
                            baseCutoff == null ? null : baseCutoff.toInstant(),
                            because == null ? null : FullBecause.valueOf(because));
                }).optional();
    }

    /**
     * Makes a planned run of changes a full list, when the job finds the changes cannot be told (the columns
     * changed); the next run then counts from this one's full list.
     */
    public Plan sendFull(Plan plan, FullBecause because) {
        jdbc.sql("update list_delivery set base_run_id = null, full_because = :because where run_id = :run")
                .param("because", because.name()).param("run", plan.runId()).update();
        return new Plan(plan.runId(), null, null, because);
    }

    /** The columns the run's file had (customer-list column names), from its manifest. */
    public List<String> columnsOf(long runId) {
        return jdbc.sql("select columns from run_manifest where run_id = :run").param("run", runId)
                .query((rs, row) -> List.of((String[]) rs.getArray("columns").getArray())).optional()
                .orElse(List.of());
    }

    /**
     * The customers the company holds after {@code runId}: along the chain of bases back to a full list, each
     * customer's latest news, in (shared: the full list's ledger, a later run's new customers) or out (a leaver).
     */
    public long[] heldAfter(long runId) {
        return jdbc.sql("""
                with recursive chain (run_id, depth) as (
                    select cast(:run as bigint), 0
                    union all
                    select d.base_run_id, c.depth + 1
                      from chain c join list_delivery d on d.run_id = c.run_id
                     where d.base_run_id is not null
                ), news as (
                    select l.customer_id, c.depth, true as held
                      from chain c join sharing_ledger l on l.run_id = c.run_id
                    union all
                    select v.customer_id, c.depth, false
                      from chain c join list_leaver v on v.run_id = c.run_id
                )
                select customer_id
                  from (select distinct on (customer_id) customer_id, held from news order by customer_id, depth) n
                 where held
                 order by customer_id
                """).param("run", runId).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
    }

    /** Records the leavers a chunk of the run's file names. */
    public void recordLeavers(long runId, long partnerCompanyId, List<Leaver> leavers) {
        for (Leaver leaver : leavers) {
            jdbc.sql("""
                    insert into list_leaver (run_id, customer_id, partner_company_id, reason)
                    values (:run, :customer, :partner, :reason)
                    """).param("run", runId).param("customer", leaver.customerId()).param("partner", partnerCompanyId)
                    .param("reason", leaver.reason()).update();
        }
    }

    /** The leavers a run named, by customer id. */
    public List<Leaver> leavers(long runId) {
        return jdbc.sql("select customer_id, reason from list_leaver where run_id = :run order by customer_id")
                .param("run", runId).query(Leaver.class).list();
    }

    /** Forgets the leavers an earlier attempt of the run wrote: a restarted run writes its file afresh. */
    public void restart(long runId) {
        jdbc.sql("delete from list_leaver where run_id = :run").param("run", runId).update();
    }
}
