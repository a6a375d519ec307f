package org.stagedoor.bench.sharing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.sharing.SubjectAccess;
import org.stagedoor.bench.BenchApplication;

/**
 * Times subject access ({@link SubjectAccess#of}, the service the console, API and command line use) on a store
 * with 10,000,000 sharing-ledger entries: 1,000,000 customers, 15 partner companies, 10,000 runs of 1,000
 * customers each (5 % of them FAILED, older ones EXPIRED), two recipients and a manifest per run, 200,000
 * withdrawal notices, and one customer who is in every run. Filled once with {@code insert … select
 * generate_series} and reused. It EXPLAINs the service's own statements.
 */
public final class SubjectAccessBench {

    private static final int CUSTOMERS = 1_000_000;

    private static final int PARTNERS = 15;

    private static final int RUNS = 10_000;

    private static final int PER_RUN = 1_000;

    private static final long LEDGER = (long) RUNS * PER_RUN;

    /** Customer 1 is in every run: the worst case a long-standing customer can reach. */
    private static final long EVERY_RUN = 1;

    private static final String BENCH_EMAILS = "%@subject-bench.example";

    private SubjectAccessBench() {
    }

    public static void main(String[] args) {
        int sample = Integer.getInteger("stagedoor.bench.sample", 50);
        try (ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class, args)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            TransactionTemplate transaction =
                    new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            long entries = jdbc.sql("select count(*) from sharing_ledger").query(Long.class).single();
            if (entries != LEDGER || Boolean.getBoolean("stagedoor.bench.refill")) {
                fill(jdbc, transaction);
            }
            else {
                System.out.printf("Reusing %,d ledger entries%n", entries);
            }
            measure(jdbc, context.getBean(SubjectAccess.class), sample);
        }
    }

    private static void fill(JdbcClient jdbc, TransactionTemplate transaction) {
        boolean foreign = jdbc
                .sql("select exists (select 1 from customer where email is null or email not like :bench)")
                .param("bench", BENCH_EMAILS).query(Boolean.class).single();
        if (foreign) {
            throw new IllegalStateException("This database holds customers the bench did not make; it empties the"
                    + " store, so point it at a database of its own (the script's default)");
        }
        long start = System.nanoTime();
        transaction.executeWithoutResult(status -> {
            step(jdbc, "emptying", """
                    truncate sharing_ledger, withdrawal_notice, run_recipient, run_manifest, report_run, customer,
                             partner_company restart identity cascade
                    """);
            step(jdbc, "memory for index builds", "set local maintenance_work_mem = '512MB'");
            step(jdbc, "15 partner companies", """
                    insert into partner_company (name, collects_preferences)
                    select 'Bench Partner ' || p, true from generate_series(1, :partners) p
                    """, "partners", PARTNERS);
            step(jdbc, "1,000,000 customers", """
                    insert into customer (kind, first_name, last_name, email, created_channel)
                    select 'INDIVIDUAL', 'Given' || c, 'Family' || c, 'c' || c || '@subject-bench.example', 'IMPORT'
                      from generate_series(1, :customers) c
                    """, "customers", CUSTOMERS);
            // One opt-in list an hour for ~14 months; 5 % failed; those older than the 30-day retention expired.
            step(jdbc, "10,000 runs", """
                    insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                            parameters_resolved, format, status, cutoff_at, created_at, started_at,
                                            finished_at, row_count, file_size, sha256, file_name, location,
                                            expires_at, file_deleted_at, error_message)
                    select 'partner-optin-list', (r - 1) % :partners + 1, 'bench@venue.example', '{}', '{}', 'CSV',
                           s.status, t.cutoff, t.cutoff, t.cutoff, t.cutoff + interval '1 minute',
                           case when s.status <> 'FAILED' then :perRun end,
                           case when s.status <> 'FAILED' then 64000 end,
                           case when s.status <> 'FAILED' then md5(r::text) || md5((r + 1)::text) end,
                           case when s.status <> 'FAILED' then 'optin-' || r || '.csv' end,
                           case when s.status <> 'FAILED' then '/bench/optin-' || r || '.csv' end,
                           case when s.status <> 'FAILED' then t.cutoff + interval '30 days' end,
                           case when s.status = 'EXPIRED' then t.cutoff + interval '30 days' end,
                           case when s.status = 'FAILED' then 'bench failure' end
                      from generate_series(1, :runs) r
                     cross join lateral (select now() - (:runs - r) * interval '1 hour' as cutoff) t
                     cross join lateral (select case when r % 20 = 0 then 'FAILED'
                                                     when t.cutoff < now() - interval '30 days' then 'EXPIRED'
                                                     else 'COMPLETED' end as status) s
                    """, "partners", PARTNERS, "runs", RUNS, "perRun", PER_RUN);
            step(jdbc, "manifests", """
                    insert into run_manifest (run_id, partner_company_id, requested_by, cutoff_at, columns, row_count,
                                              sha256)
                    select id, partner_company_id, requested_by, cutoff_at,
                           '{id,title,first_name,last_name,email,preference_set_at,preference_channel}',
                           row_count, sha256
                      from report_run where status in ('COMPLETED', 'EXPIRED')
                    """);
            step(jdbc, "20,000 recipients", """
                    insert into run_recipient (run_id, kind, recipient, how, first_at, last_at)
                    select id, 'EMAIL', 'marketing@partner' || partner_company_id || '.example', 'LINK', finished_at,
                           finished_at from report_run
                    union all
                    select id, 'PORTAL_USER', 'user@partner' || partner_company_id || '.example', 'DOWNLOAD',
                           finished_at, finished_at from report_run
                    """);
            // Bulk load: the table's own indexes and reference checks come after, as a restore does them.
            step(jdbc, "dropping the ledger's indexes", """
                    alter table sharing_ledger drop constraint sharing_ledger_pkey;
                    drop index sharing_ledger_customer_idx
                    """);
            step(jdbc, "no reference-checking triggers (checked below)",
                    "set local session_replication_role = replica");
            // Customer 1 is in every run (i = 0); the others, 2..1,000,000, spread so that no run repeats one:
            // 104729 is prime to 999999, so i -> i * 104729 mod 999999 never repeats for i < 999999.
            step(jdbc, "10,000,000 ledger entries", """
                    insert into sharing_ledger (run_id, customer_id, consent_state, consent_set_at, consent_channel,
                                                shared_email)
                    select r.id, l.customer, 'YES',
                           r.cutoff_at - (l.customer % 700) * interval '1 day' - interval '1 hour',
                           (array['ONLINE_CHECKOUT', 'BOX_OFFICE', 'ACCOUNT_PAGE'])[l.customer % 3 + 1],
                           'c' || l.customer || '@subject-bench.example'
                      from report_run r
                     cross join generate_series(0, :perRun - 1) i
                     cross join lateral (select case when i = 0 then 1
                                                     else (r.id * 7919 + i * 104729) % 999999 + 2 end as customer) l
                    """, "perRun", PER_RUN);
            step(jdbc, "200,000 withdrawal notices", """
                    insert into withdrawal_notice (run_id, customer_id, partner_company_id, state, withdrawn_at,
                                                   shared_email)
                    select r.id, (r.id * 31 + i * 104729) % 999999 + 2, r.partner_company_id, 'NO',
                           r.cutoff_at - interval '2 days', 'someone@subject-bench.example'
                      from report_run r cross join generate_series(0, 19) i
                    """);
            step(jdbc, "triggers and foreign-key checks on again", "set local session_replication_role = origin");
            step(jdbc, "rebuilding the ledger's primary key and indexes (V8, V13)", """
                    alter table sharing_ledger add constraint sharing_ledger_pkey primary key (run_id, customer_id);
                    create index sharing_ledger_customer_idx on sharing_ledger (customer_id)
                    """);
            // The checks skipped during the load (V12's trigger, the other tables' foreign keys), as anti-joins.
            step(jdbc, "checking that every entry's run and customer exist", """
                    do $$ begin
                        if exists (select 1 from sharing_ledger l left join report_run r on r.id = l.run_id
                                    where r.id is null)
                           or exists (select 1 from sharing_ledger l left join customer c on c.id = l.customer_id
                                       where c.id is null)
                        then raise exception 'a ledger entry refers to nothing';
                        end if;
                    end $$
                    """);
        });
        step(jdbc, "ANALYZE", "analyze");
        System.out.printf("Filled in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void step(JdbcClient jdbc, String what, String sql, Object... params) {
        long start = System.nanoTime();
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        for (int i = 0; i < params.length; i += 2) {
            statement = statement.param((String) params[i], params[i + 1]);
        }
        statement.update();
        System.out.printf("  %-55s %6.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }

    private static void measure(JdbcClient jdbc, SubjectAccess subjectAccess, int sample) {
        System.out.printf("Store: %,d customers, %,d runs, %,d ledger entries (%s with indexes), %,d notices%n",
                count(jdbc, "select count(*) from customer"), count(jdbc, "select count(*) from report_run"),
                count(jdbc, "select count(*) from sharing_ledger"),
                jdbc.sql("select pg_size_pretty(pg_total_relation_size('sharing_ledger'))").query(String.class)
                        .single(),
                count(jdbc, "select count(*) from withdrawal_notice"));
        Random random = new Random(42);
        // Warm-up: the JIT and the connection pool, on customers outside the sample.
        for (int i = 0; i < 20; i++) {
            subjectAccess.of(2 + random.nextInt(CUSTOMERS - 1));
        }
        List<Long> sampled = new ArrayList<>();
        for (int i = 0; i < sample; i++) {
            sampled.add(2L + random.nextInt(CUSTOMERS - 1));
        }
        Timing randomCustomers = time(subjectAccess, sampled);
        Timing everyRun = time(subjectAccess, Collections.nCopies(5, EVERY_RUN));

        System.out.println();
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) of the ledger lookup, customer " + sampled.get(0) + ":");
        explain(jdbc, SubjectAccess.SHARED, sampled.get(0));
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) of the recipients lookup, customer " + sampled.get(0) + ":");
        explain(jdbc, SubjectAccess.RECIPIENTS, sampled.get(0));
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) of the notices lookup, customer " + sampled.get(0) + ":");
        explain(jdbc, SubjectAccess.NOTICES, sampled.get(0));

        System.out.println();
        System.out.printf("Machine: %d cores, %s %s; %,d ledger entries%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                count(jdbc, "select count(*) from sharing_ledger"));
        System.out.println("| customers looked up | lookups | runs shared per customer (median) | median ms"
                + " | max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.println(randomCustomers.row("random customers"));
        System.out.println(everyRun.row("customer 1, in every one of the 10,000 runs"));
    }

    private record Timing(int lookups, long medianRuns, double medianMs, double maxMs) {

        String row(String what) {
            return String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %.1f |", what, lookups, medianRuns, medianMs,
                    maxMs);
        }
    }

    private static Timing time(SubjectAccess subjectAccess, List<Long> customers) {
        List<Double> millis = new ArrayList<>();
        List<Long> runs = new ArrayList<>();
        for (long customer : customers) {
            long start = System.nanoTime();
            SubjectAccess.Report report = subjectAccess.of(customer);
            millis.add((System.nanoTime() - start) / 1e6);
            runs.add((long) report.shared().size());
        }
        Collections.sort(millis);
        Collections.sort(runs);
        return new Timing(customers.size(), runs.get(runs.size() / 2), median(millis), millis.get(millis.size() - 1));
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void explain(JdbcClient jdbc, String sql, long customer) {
        jdbc.sql("explain (analyze, buffers) " + sql).param("customer", customer).query(String.class).list()
                .forEach(line -> System.out.println("    " + line));
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
