package org.stagedoor.demo.generator;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.postgresql.copy.CopyManager;

/**
 * Partner companies, events and performances, and how many tickets each performance sells.
 *
 * About a third of the partner companies do not collect contact preferences (P-7); an event has zero
 * to three of them (P-2). Each event plays a run in one of the venue's spaces, within a window from a
 * year before "now" to three months after it; there are as many performances as the settings'
 * tickets need at a typical fill. Each performance goes on sale weeks or months ahead and sells along
 * a curve that steepens towards the show, so a performance still to come has sold only the part of
 * its tickets that its curve reaches by "now". Sales never exceed a performance's capacity.
 */
final class Programme {

    private static final String[] SPACES = { "Main House", "Courtyard", "Studio", "Cabaret Bar" };

    private static final int[] SPACE_SEATS = { 900, 450, 180, 90 };

    private static final double[] SPACE_SHARE = { 0.25, 0.30, 0.35, 0.10 };

    /** Lowest and highest standard price by space, in pence. */
    private static final int[][] SPACE_PRICES =
            { { 2_500, 6_500 }, { 1_800, 3_800 }, { 1_200, 2_200 }, { 800, 1_600 } };

    /** The share of seats a past performance sells on average, used to decide how many performances there are. */
    private static final double TYPICAL_FILL = 0.62;

    /** Performances a week at each level of intensity, for runs too long to fit the window otherwise. */
    private static final int[] PERFORMANCES_A_WEEK = { 8, 12, 21, 35 };

    final int partners;

    final boolean[] collects;

    /** Index among the collecting partner companies, or -1. */
    final int[] collectingIndex;

    final int collecting;

    /** Partner company indexes (id - 1) by event index (id - 1). */
    final int[][] eventPartners;

    final long[] standardPence;

    final int instances;

    final long[] starts;

    final long[] onSale;

    final int[] capacity;

    final int[] event;

    /** The share of a performance's final sales reached by "now": 1 for past performances. */
    final double[] soldByNow;

    /** Tickets each performance sells by "now"; they add up to the settings' tickets. */
    final int[] planned;

    /** When each event went on sale; its record was created some weeks before. */
    private final long[] eventOnSale;

    private final SplittableRandom random;

    private final Timeline timeline;

    private Programme(GeneratorSettings settings, Timeline timeline) {
        this.random = Seeds.random(settings.seed(), Seeds.PROGRAMME);
        this.timeline = timeline;
        this.partners = settings.partnerCompanies();
        this.collects = new boolean[partners];
        this.collectingIndex = new int[partners];
        int notCollecting = (int) Math.round(partners / 3.0);
        int[] order = shuffled(partners);
        for (int i = 0; i < partners; i++) {
            collects[order[i]] = i >= notCollecting;
        }
        int index = 0;
        for (int i = 0; i < partners; i++) {
            collectingIndex[i] = collects[i] ? index++ : -1;
        }
        this.collecting = index;

        int events = settings.events();
        this.eventPartners = new int[events][];
        this.standardPence = new long[events];
        int[] space = new int[events];
        double[] popularity = new double[events];
        double seatWeight = 0;
        for (int e = 0; e < events; e++) {
            space[e] = space();
            popularity[e] = 0.35 + 0.65 * random.nextDouble();
            int[] prices = SPACE_PRICES[space[e]];
            standardPence[e] = prices[0] + 50L * random.nextInt((prices[1] - prices[0]) / 50 + 1);
            seatWeight += popularity[e] * SPACE_SEATS[space[e]];
        }
        assignPartners(events);

        double seatsNeeded = settings.tickets() / TYPICAL_FILL;
        int[] runs = new int[events];
        long total = 0;
        for (int e = 0; e < events; e++) {
            double run = Math.max(1, Math.round(seatsNeeded / seatWeight * popularity[e]));
            // Checked before any array is sized by it.
            if (spanDays((int) Math.min(run, Integer.MAX_VALUE / 2), PERFORMANCES_A_WEEK.length - 1)
                    > timeline.performanceDays) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%,d tickets need %,.0f performances of one event in %d days; raise events or lower tickets",
                        settings.tickets(), run, timeline.performanceDays));
            }
            runs[e] = (int) run;
            total += runs[e];
        }
        this.instances = Math.toIntExact(total);
        this.starts = new long[instances];
        this.onSale = new long[instances];
        this.capacity = new int[instances];
        this.event = new int[instances];
        this.soldByNow = new double[instances];
        this.planned = new int[instances];
        this.eventOnSale = new long[events];
        int next = 0;
        for (int e = 0; e < events; e++) {
            next = schedule(e, runs[e], SPACE_SEATS[space[e]], next);
        }
        plan(settings.tickets(), popularity);
    }

    static Programme load(GeneratorSettings settings, Timeline timeline, CopyManager copy, Progress progress)
            throws SQLException {
        Programme programme = new Programme(settings, timeline);
        programme.write(copy);
        progress.done(String.format(Locale.ROOT, "%,d partner companies (%,d collecting preferences), %,d events, "
                + "%,d performances", programme.partners, programme.collecting, programme.eventPartners.length,
                programme.instances), programme.partners + programme.eventPartners.length + programme.instances);
        return programme;
    }

    private void write(CopyManager copy) throws SQLException {
        CopyRows companies = new CopyRows("partner_company",
                "id, name, collects_preferences, web_description, created_at");
        Set<String> names = new HashSet<>();
        for (int p = 0; p < partners; p++) {
            String name;
            do {
                String first = Words.pick(random, Words.COMPANY_WORDS_A);
                String second = Words.pick(random, Words.COMPANY_WORDS_B);
                name = first.equals(second) ? "" : first + " " + second + " " + Words.pick(random, Words.COMPANY_KINDS);
            } while (name.isEmpty() || !names.add(name.toLowerCase(Locale.ROOT)));
            companies.number(p + 1).text(name).bool(collects[p]).text(description(name, collects[p]))
                    .timestamp(timeline.salesOpen - 400L * 86_400 + p * 3L * 86_400);
            companies.endRow();
        }
        companies.flush(copy);

        CopyRows events = new CopyRows("event", "id, name, created_at");
        CopyRows assignments = new CopyRows("event_partner_company", "event_id, partner_company_id");
        for (int e = 0; e < eventPartners.length; e++) {
            long created = Math.min(eventOnSale[e] - (7 + random.nextInt(24)) * 86_400L,
                    timeline.now - (1 + random.nextInt(30)) * 86_400L);
            events.number(e + 1).text(eventName()).timestamp(created);
            events.endRow();
            for (int p : eventPartners[e]) {
                assignments.number(e + 1).number(p + 1);
                assignments.endRow();
            }
        }
        events.flush(copy);
        assignments.flush(copy);

        CopyRows performances = new CopyRows("event_instance", "id, event_id, starts_at, capacity");
        for (int i = 0; i < instances; i++) {
            performances.number(i + 1).number(event[i] + 1).timestamp(starts[i]).number(capacity[i]);
            performances.endRow();
        }
        performances.flush(copy);
    }

    private int space() {
        double r = random.nextDouble();
        for (int s = 0; s < SPACES.length - 1; s++) {
            r -= SPACE_SHARE[s];
            if (r < 0) {
                return s;
            }
        }
        return SPACES.length - 1;
    }

    /**
     * Zero to three partner companies an event; each partner company gets at least one event while
     * there are events enough, so that every partner has something to report on.
     */
    private void assignPartners(int events) {
        int[] coverage = shuffled(partners);
        int covered = 0;
        for (int e = 0; e < events; e++) {
            double r = random.nextDouble();
            int count = Math.min(partners, r < 0.3 ? 0 : r < 0.75 ? 1 : r < 0.93 ? 2 : 3);
            int[] chosen = new int[count];
            for (int k = 0; k < count; k++) {
                int candidate;
                do {
                    candidate = k == 0 && covered < partners ? coverage[covered] : random.nextInt(partners);
                } while (contains(chosen, k, candidate));
                if (k == 0 && covered < partners) {
                    covered++;
                }
                chosen[k] = candidate;
            }
            eventPartners[e] = chosen;
        }
    }

    /**
     * Places an event's run of performances in the window and returns the next free instance index.
     * The run's intensity is the lowest that fits the window: evenings except Sundays with Wednesday
     * and Saturday matinées, then two shows a day, then three, then five.
     */
    private int schedule(int e, int performances, int seats, int next) {
        int level = 0;
        while (spanDays(performances, level) > timeline.performanceDays) {
            level++;
        }
        LocalDate day = timeline.firstPerformanceDay.plusDays(
                random.nextInt(timeline.performanceDays - spanDays(performances, level) + 1));
        int leadDays = 28 + random.nextInt(Timeline.MAX_ON_SALE_DAYS - 28 + 1);
        long sale = 0;
        int placed = 0;
        for (; placed < performances; day = day.plusDays(1)) {
            for (int[] time : slots(day.getDayOfWeek(), level)) {
                if (placed == performances) {
                    break;
                }
                long start = timeline.at(day, time[0], time[1]);
                if (placed == 0) {
                    sale = timeline.at(day.minusDays(leadDays), 10, 0);
                }
                starts[next] = start;
                onSale[next] = sale;
                capacity[next] = seats;
                event[next] = e;
                soldByNow[next] = soldByNow(start, sale);
                next++;
                placed++;
            }
        }
        eventOnSale[e] = sale;
        return next;
    }

    private static int spanDays(int performances, int level) {
        return (performances + PERFORMANCES_A_WEEK[level] - 1) / PERFORMANCES_A_WEEK[level] * 7;
    }

    private static int[][] slots(DayOfWeek day, int level) {
        boolean sunday = day == DayOfWeek.SUNDAY;
        return switch (level) {
            case 0 -> sunday ? new int[0][] : day == DayOfWeek.WEDNESDAY || day == DayOfWeek.SATURDAY
                    ? new int[][] { { 14, 30 }, { 19, 30 } } : new int[][] { { 19, 30 } };
            case 1 -> sunday ? new int[0][] : new int[][] { { 14, 30 }, { 19, 30 } };
            case 2 -> new int[][] { { 11, 0 }, { 14, 30 }, { 19, 30 } };
            default -> new int[][] { { 11, 0 }, { 14, 30 }, { 17, 0 }, { 19, 30 }, { 21, 45 } };
        };
    }

    /** The sales curve: by time t a performance has sold 1 - sqrt((start - t) / (start - onSale)) of its tickets. */
    private double soldByNow(long start, long sale) {
        if (start <= timeline.now) {
            return 1;
        }
        if (sale >= timeline.now) {
            return 0;
        }
        return 1 - Math.sqrt((double) (start - timeline.now) / (start - sale));
    }

    /**
     * Shares the settings' tickets among the performances by capacity, the event's popularity and how
     * far each has sold by now, capping every performance at its capacity and handing what is left to
     * performances with seats to spare.
     */
    private void plan(long tickets, double[] popularity) {
        double[] demand = new double[instances];
        double totalDemand = 0;
        for (int i = 0; i < instances; i++) {
            demand[i] = capacity[i] * popularity[event[i]] * (0.75 + 0.25 * random.nextDouble()) * soldByNow[i];
            totalDemand += demand[i];
        }
        long assigned = 0;
        if (totalDemand > 0) {
            double scale = tickets / totalDemand;
            for (int i = 0; i < instances; i++) {
                planned[i] = (int) Math.min(capacity[i], Math.floor(demand[i] * scale));
                assigned += planned[i];
            }
        }
        long rest = tickets - assigned;
        while (rest > 0) {
            double spareDemand = 0;
            for (int i = 0; i < instances; i++) {
                if (soldByNow[i] >= 0.05 && planned[i] < capacity[i]) {
                    spareDemand += demand[i];
                }
            }
            if (spareDemand == 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%,d tickets do not fit the performances on sale; raise events or lower tickets", tickets));
            }
            long handedOut = rest;
            for (int i = 0; i < instances && rest > 0; i++) {
                if (soldByNow[i] >= 0.05 && planned[i] < capacity[i]) {
                    long add = Math.min(Math.min(capacity[i] - planned[i], rest),
                            (long) Math.ceil(handedOut * demand[i] / spareDemand));
                    planned[i] += (int) add;
                    rest -= add;
                }
            }
        }
    }

    private String description(String name, boolean collectsPreferences) {
        String site = "https://www." + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "") + ".example.org";
        if (!collectsPreferences && random.nextBoolean()) {
            return "";
        }
        return switch (random.nextInt(3)) {
            case 0 -> "'''" + name + "''' makes new theatre for audiences of all ages. We would love to tell you "
                    + "about our next productions.\n\nSee our [" + site + "/privacy privacy notice] for how we look "
                    + "after your details.";
            case 1 -> "Hear first about tours, workshops and ''pay what you can'' nights from '''" + name + "'''.\n\n"
                    + "[" + site + "/news Read our latest news]";
            default -> "'''" + name + "''' is a registered charity. We write no more than once a month and never "
                    + "pass your details on.\n\nPrivacy: [" + site + "/privacy]";
        };
    }

    private String eventName() {
        double r = random.nextDouble();
        if (r < 0.15) {
            return Words.pick(random, Words.CLASSICS);
        }
        if (r < 0.3) {
            String performer = Words.pick(random, random.nextBoolean() ? Words.FEMALE : Words.MALE) + " "
                    + Words.pick(random, Words.SURNAMES);
            return String.format(Locale.ROOT, Words.pick(random, Words.NIGHTS), performer);
        }
        String a = Words.pick(random, Words.TITLE_WORDS_A);
        String b = Words.pick(random, Words.TITLE_WORDS_B);
        return r < 0.8 ? "The " + a + " " + b : b + " of " + Words.pick(random, Words.TITLE_WORDS_B);
    }

    private int[] shuffled(int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
