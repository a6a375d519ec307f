package org.stagedoor.bench.count;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.bench.BenchApplication;
import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.batch.run.ListCounts;
import org.stagedoor.batch.run.ListCounts.ListCount;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.demo.generator.GeneratorSettings;
import org.stagedoor.demo.generator.VenueDataGenerator;

/**
 * Times the live counts of issue 14 against a naive count of the same list, side by side: for each list of a corpus,
 * the naive count is one plain {@code select count(*) from customer c where …} with each segment as a condition on
 * the customer (combined left to right with and / or / and not) over the base tables; ours is
 * {@link ListCounts#count} (every segment, the running totals, and for a partner company the funnel). Both must give
 * the same number (for a partner company: the number shared). Prints per list the medians, their ratio and p50/p95.
 * Generates {@code stagedoor.bench.customers} customers (10 tickets each) on first use and reuses them.
 */
public final class CountBench {

    private final JdbcClient jdbc;

    private final long partner;

    private final long otherPartner;

    private final LocalDate today;

    private final ZoneId zone;

    private CountBench(JdbcClient jdbc, long partner, long otherPartner, LocalDate today, ZoneId zone) {
        this.jdbc = jdbc;
        this.partner = partner;
        this.otherPartner = otherPartner;
        this.today = today;
        this.zone = zone;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("stagedoor.bench.rounds", 5);
        int customers = Integer.getInteger("stagedoor.bench.customers", 1_000_000);
        try (ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class, args)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            if (!jdbc.sql("select exists (select 1 from customer)").query(Boolean.class).single()) {
                GeneratorSettings settings = new GeneratorSettings(GeneratorSettings.DEFAULT_SEED,
                        Instant.now().truncatedTo(ChronoUnit.DAYS), customers, Math.max(40, customers / 500), 15,
                        10L * customers);
                System.out.printf("Generating %,d customers / %,d tickets (once; reused next time)%n", customers,
                        settings.tickets());
                System.out.println(context.getBean(VenueDataGenerator.class).generate(settings, System.out::println));
            }
            // Both counts read indexes alone only where the visibility map says so; a freshly generated or migrated
            // database is measured as autovacuum would leave it.
            jdbc.sql("vacuum (analyze)").update();
            List<Long> partners = jdbc.sql("""
                    select partner_company_id from partner_preference where state = 'YES'
                     group by partner_company_id order by count(*) desc, partner_company_id limit 2
                    """).query(Long.class).list();
            ZoneId zone = context.getBean(VenueProperties.class).timeZone();
            CountBench bench = new CountBench(jdbc, partners.get(0), partners.get(1), LocalDate.now(zone), zone);
            System.out.printf("Data: %,d customers, %,d tickets; partner company %d has the most opted-in"
                    + " customers%n", jdbc.sql("select count(*) from customer").query(Long.class).single(),
                    jdbc.sql("select count(*) from ticket").query(Long.class).single(), partners.get(0));
            bench.run(context.getBean(ListCounts.class), rounds,
                    Double.parseDouble(System.getProperty("stagedoor.bench.warm-seconds", "1")));
        }
    }

    private void run(ListCounts counts, int rounds, double warmSeconds) {
        List<String> table = new ArrayList<>();
        table.add("| list | for | count | naive p50 s | ours p50 s | naive / ours | naive p95 s | ours p95 s |");
        table.add("|---|---|---:|---:|---:|---:|---:|---:|");
        // stagedoor.bench.for=partner (or venue): only the lists run for a partner company (or the venue's).
        String only = System.getProperty("stagedoor.bench.for", "");
        // stagedoor.bench.list=name: only the lists whose name contains it (to look at one list's plans).
        String named = System.getProperty("stagedoor.bench.list", "");
        for (BenchList list : corpus()) {
            if (!only.isEmpty() && list.forPartner() != only.equals("partner") || !list.name().contains(named)) {
                continue;
            }
            Long forPartner = list.forPartner() ? partner : null;
            String json = list.json();
            String naive = list.naiveSql(forPartner);
            LongSupplier ours = () -> {
                ListCount count = counts.count(json, forPartner, "bench");
                return forPartner == null ? count.total() : count.funnel().shared();
            };
            LongSupplier plain = () -> jdbc.sql(naive).query(Long.class).single();
            List<Double> naiveTimes = new ArrayList<>();
            List<Double> ourTimes = new ArrayList<>();
            long number = -1;
            // A portal that has served counts runs compiled code: our count (parsing, checking and compiling the
            // definition in Java, then one statement) runs untimed for up to this long first, so that the rounds
            // time that, not the interpreter. The naive count is one statement, warmed by the first round.
            long warmUntil = System.nanoTime() + (long) (warmSeconds * 1e9);
            for (int warm = 0; warm < 500 && System.nanoTime() < warmUntil; warm++) {
                ours.getAsLong();
            }
            for (int round = -1; round < rounds; round++) {
                long start = System.nanoTime();
                long expected = plain.getAsLong();
                double naiveTook = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                long counted = ours.getAsLong();
                double ourTook = (System.nanoTime() - start) / 1e9;
                if (expected != counted) {
                    throw new IllegalStateException(list.name() + ": naive " + expected + " but ours " + counted
                            + "\n" + naive);
                }
                number = counted;
                if (round >= 0) {
                    naiveTimes.add(naiveTook);
                    ourTimes.add(ourTook);
                }
            }
            double naive50 = percentile(naiveTimes, 50);
            double ours50 = percentile(ourTimes, 50);
            String row = String.format(Locale.ROOT, "| %s | %s | %,d | %.3f | %.3f | %.1f× | %.3f | %.3f |",
                    list.name(), forPartner == null ? "venue" : "partner " + forPartner, number, naive50, ours50,
                    naive50 / ours50, percentile(naiveTimes, 95), percentile(ourTimes, 95));
            System.out.println(row);
            table.add(row);
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    private static double percentile(List<Double> values, int percent) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    /** Twenty-odd lists a venue and its partner companies ask for. */
    private List<BenchList> corpus() {
        String p = Long.toString(partner);
        String q = Long.toString(otherPartner);
        return List.of(
                list("has email", false, email(true)),
                list("no email", false, email(false)),
                list("opted in to partner", false, email(true), and(preference(p, "YES"))),
                list("never asked by partner", false, preference(p, "NOT_ASKED")),
                list("partner events, 90 days, owner", false, booking("OWNER", p, "last-90-days", 1)),
                list("partner events, 90 days, facilitator", false, booking("FACILITATOR", p, "last-90-days", 1)),
                list("three together", false, email(true), and(preference(p, "YES")),
                        and(booking("OWNER", p, "last-90-days", 1))),
                list("spent 50 in a year, facilitator", false,
                        purchasing("FACILITATOR", "TICKET\", \"MEMBERSHIP\", \"DONATION", "50", "last-365-days", null)),
                list("donors and members, owner", false,
                        purchasing("OWNER", "MEMBERSHIP\", \"DONATION", "0", null, null)),
                list("4+ tickets last month, any event", false, booking("OWNER", null, "previous-month", 4)),
                list("bookers of either partner", false, booking("OWNER", p, "last-90-days", 1),
                        or(booking("OWNER", q, "last-90-days", 1))),
                list("partner's not other's", false, booking("FACILITATOR", p, "last-365-days", 1),
                        except(booking("FACILITATOR", q, "last-365-days", 1))),
                list("lapsed: last year, not 90 days", false, booking("OWNER", null, "last-365-days", 1),
                        except(booking("OWNER", null, "last-90-days", 1))),
                list("said no to one, yes to other", false, preference(p, "NO"), and(preference(q, "YES"))),
                list("partner opted-in list", true, email(true)),
                list("partner everyone", true, email(true), or(email(false))),
                list("partner bookers 90 days, owner", true, booking("OWNER", "run", "last-90-days", 1)),
                list("partner bookers 90 days, facilitator", true, booking("FACILITATOR", "run", "last-90-days", 1)),
                list("partner three together", true, email(true), and(preference("run", "YES")),
                        and(booking("OWNER", "run", "last-90-days", 1))),
                list("partner big spenders, week", true,
                        purchasing("FACILITATOR", "TICKET", "100", "previous-week", "run")),
                list("partner 2+ tickets, not last month", true, booking("OWNER", "run", "last-365-days", 2),
                        except(booking("OWNER", "run", "previous-month", 1))),
                list("partner spend 50 or 3 tickets", true,
                        purchasing("OWNER", "TICKET", "50", "last-365-days", "run"),
                        or(booking("FACILITATOR", "run", "last-365-days", 3))));
    }

    private BenchList list(String name, boolean forPartner, Segment... segments) {
        return new BenchList(name, forPartner, Arrays.asList(segments));
    }

    private Segment email(boolean value) {
        return new Segment(null, "{\"type\": \"has-email\"" + (value ? "" : ", \"value\": false") + "}",
                value ? "c.email is not null" : "c.email is null");
    }

    /**
     * P-3: a customer with no record for the company counts as NOT_ASKED, so NOT_ASKED is every customer but those
     * with a record in another state. Written as a semi-join (or anti-join) PostgreSQL plans as one hash, as anyone
     * would write it; a correlated look-up of each customer's state, as the bench had it until 7 Dec 2026, was many
     * times slower and flattered our count (bench/RESULTS.md, "7 Dec 2026, morning").
     */
    private Segment preference(String company, String state) {
        String json = """
                {"type": "partner-preference", "partnerCompany": %s, "states": ["%s"]}""".formatted(quoted(company),
                state);
        if (state.equals("NOT_ASKED")) {
            return new Segment(null, json, """
                    c.id not in (select pp.customer_id from partner_preference pp
                                  where pp.partner_company_id = %s and pp.state <> 'NOT_ASKED')"""
                    .formatted(idOf(company)));
        }
        return new Segment(null, json, """
                c.id in (select pp.customer_id from partner_preference pp
                          where pp.partner_company_id = %s and pp.state = '%s')""".formatted(idOf(company), state));
    }

    private Segment booking(String groupBy, String company, String period, int minTickets) {
        String json = "{\"type\": \"booking\", \"groupBy\": \"" + groupBy + "\""
                + (company == null ? "" : ", \"partnerCompany\": " + quoted(company))
                + (period == null ? "" : ", \"period\": \"" + period + "\"") + ", \"minTickets\": " + minTickets + "}";
        String naive = """
                c.id in (select %1$s from customer_order o
                           join ticket t on t.order_id = o.id
                           join event_instance ei on ei.id = t.event_instance_id
                          where t.status = 'SOLD'%2$s%3$s
                          group by %1$s having count(*) >= %4$d)""".formatted(credited(groupBy),
                company == null ? "" : "\n and ei.event_id in (select event_id from event_partner_company"
                        + " where partner_company_id = " + idOf(company) + ")",
                within("ei.starts_at", period), minTickets);
        return new Segment(null, json, naive);
    }

    private Segment purchasing(String groupBy, String kinds, String minAmount, String period, String company) {
        String json = "{\"type\": \"purchasing\", \"groupBy\": \"" + groupBy + "\", \"kinds\": [\"" + kinds + "\"],"
                + " \"minAmount\": " + minAmount + (period == null ? "" : ", \"period\": \"" + period + "\"")
                + (company == null ? "" : ", \"partnerCompany\": " + quoted(company)) + "}";
        List<String> lines = new ArrayList<>();
        String when = within("o.confirmed_at", period);
        if (kinds.contains("TICKET")) {
            lines.add("select " + credited(groupBy) + " as buyer, t.price as amount from customer_order o"
                    + " join ticket t on t.order_id = o.id join event_instance ei on ei.id = t.event_instance_id"
                    + " where t.status = 'SOLD'" + when + (company == null ? "" : " and ei.event_id in (select event_id"
                    + " from event_partner_company where partner_company_id = " + idOf(company) + ")"));
        }
        if (kinds.contains("MEMBERSHIP")) {
            lines.add("select " + credited(groupBy) + " as buyer, m.price as amount"
                    + " from customer_order o join membership m on m.order_id = o.id where true" + when);
        }
        if (kinds.contains("DONATION")) {
            lines.add("select " + credited(groupBy) + " as buyer, d.amount as amount"
                    + " from customer_order o join donation d on d.order_id = o.id where true" + when);
        }
        return new Segment(null, json, "c.id in (select buyer from (" + String.join(" union all ", lines)
                + ") bought group by buyer having sum(amount) >= " + minAmount + ")");
    }

    private static Segment and(Segment segment) {
        return segment.with("AND");
    }

    private static Segment or(Segment segment) {
        return segment.with("OR");
    }

    private static Segment except(Segment segment) {
        return segment.with("EXCEPT");
    }

    private static String credited(String groupBy) {
        return groupBy.equals("OWNER") ? "o.owner_id" : "coalesce(o.facilitator_id, o.owner_id)";
    }

    private String within(String column, String period) {
        if (period == null) {
            return "";
        }
        Period resolved = PeriodSpec.parse("period", period).resolve(today);
        return "\n and " + column + " >= '" + resolved.start(zone) + "' and " + column + " < '"
                + resolved.endExclusive(zone) + "'";
    }

    private String idOf(String company) {
        return company.equals("run") ? Long.toString(partner) : company;
    }

    private static String quoted(String company) {
        return company.equals("run") ? "\"run\"" : company;
    }

    /** A segment as JSON and as a plain condition on {@code customer c}. */
    private record Segment(String operator, String json, String naive) {

        Segment with(String operator) {
            return new Segment(operator, json.replaceFirst("\\{", "{\"operator\": \"" + operator + "\", "), naive);
        }
    }

    private record BenchList(String name, boolean forPartner, List<Segment> segments) {

        String json() {
            return "{\"name\": \"" + name + "\", \"segments\": [" + segments.stream().map(Segment::json)
                    .collect(Collectors.joining(", ")) + "], \"columns\": [\"id\", \"email\"]}";
        }

        /** Left to right as the list reads: ((s0 and s1) or s2) and not s3 … */
        String naiveSql(Long forPartner) {
            String condition = "(" + segments.get(0).naive() + ")";
            for (Segment segment : segments.subList(1, segments.size())) {
                String joiner = switch (segment.operator()) {
                    case "AND" -> " and ";
                    case "OR" -> " or ";
                    default -> " and not ";
                };
                condition = "(" + condition + joiner + "(" + segment.naive() + "))";
            }
            return "select count(*) from customer c where " + condition + (forPartner == null ? ""
                    : " and exists (select 1 from partner_preference y where y.customer_id = c.id"
                            + " and y.partner_company_id = " + forPartner + " and y.state = 'YES')");
        }
    }
}
