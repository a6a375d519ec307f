package org.stagedoor.demo.generator;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.postgresql.copy.CopyManager;

/**
 * Orders in the order they were confirmed, so that order ids grow with time and every decision can
 * rest on what had happened before it: a member's price needs a membership valid that day (F-7), a
 * partner company asks for a preference only at the first booking for it (P-4).
 *
 * Each performance sells its planned tickets along its sales curve; the performances' next orders
 * are merged by time. About one order in ten is facilitated along a relationship whose type lets
 * the facilitator act for the owner (F-2), the facilitator an individual (F-3). The person confirming
 * (the facilitator if any, else the owner) answers the partner companies' questions, online YES or
 * NO only (P-4). Between ticket orders come membership orders (renewals start where the last
 * membership ends) and donation orders. Rows go to PostgreSQL in chunks of whole orders, each chunk
 * as one COPY per table, orders first.
 */
final class Sales {

    private static final int CHUNK = 50_000;

    private static final double FACILITATED = 0.10;

    private static final double RETURNED = 0.03;

    /** Weights of the facilitating link types in {@link Population#links}: parents, carers, bookers, spouses. */
    private static final double[] LINK_WEIGHTS = { 0.38, 0.15, 0.20, 0.27 };

    private static final long DAY = 86_400;

    private final GeneratorSettings settings;

    private final Timeline timeline;

    private final ReferenceData reference;

    private final Population population;

    private final Programme programme;

    private final SplittableRandom random;

    private final CopyRows orders = new CopyRows("customer_order",
            "id, owner_id, facilitator_id, relationship_id, channel, confirmed_at");

    private final CopyRows tickets = new CopyRows("ticket",
            "id, order_id, line_number, event_instance_id, price_band_id, price, status, returned_at");

    private final CopyRows memberships = new CopyRows("membership",
            "id, order_id, line_number, membership_scheme_id, member_id, valid_from, valid_to, price");

    private final CopyRows donations = new CopyRows("donation", "id, order_id, line_number, fund, amount");

    private final CopyRows preferences = new CopyRows("partner_preference",
            "customer_id, partner_company_id, state, set_at, channel, recorded_by");

    /** The last day of each customer's membership of each scheme (an epoch day; 0 for never). */
    private final int[][] memberUntil;

    /** Whether a customer has been asked for a collecting partner company: bit customer * collecting + index. */
    private final long[] asked;

    private final double membershipOrderRate;

    private long facilitated;

    private long returned;

    private int owner;

    private int facilitator;

    private int relationship;

    private Sales(GeneratorSettings settings, Timeline timeline, ReferenceData reference, Population population,
            Programme programme) {
        this.settings = settings;
        this.timeline = timeline;
        this.reference = reference;
        this.population = population;
        this.programme = programme;
        this.random = Seeds.random(settings.seed(), Seeds.SALES);
        this.memberUntil = new int[ReferenceData.SCHEMES.length][population.size + 1];
        this.asked = new long[Math.toIntExact(((long) population.size + 1) * programme.collecting / 64 + 1)];
        // About 6 % of customers buy a membership in the period; one chance per ticket order.
        double ticketOrders = Math.max(1, settings.tickets() / 2.5);
        this.membershipOrderRate = Math.min(0.25, 0.06 * population.size / ticketOrders);
    }

    static Sales load(GeneratorSettings settings, Timeline timeline, ReferenceData reference, Population population,
            Programme programme, CopyManager copy, Progress progress) throws SQLException {
        Sales sales = new Sales(settings, timeline, reference, population, programme);
        sales.run(copy, progress);
        progress.done(String.format(Locale.ROOT,
                "%,d orders (%,d facilitated), %,d tickets (%,d returned), %,d memberships, %,d donations, "
                        + "%,d partner preferences", sales.orders(), sales.facilitated(), sales.tickets(),
                sales.returned(), sales.memberships(), sales.donations(), sales.preferences()),
                sales.orders() + sales.tickets() + sales.memberships() + sales.donations() + sales.preferences());
        return sales;
    }

    long orders() {
        return orders.rows();
    }

    long facilitated() {
        return facilitated;
    }

    long tickets() {
        return tickets.rows();
    }

    long returned() {
        return returned;
    }

    long memberships() {
        return memberships.rows();
    }

    long donations() {
        return donations.rows();
    }

    long preferences() {
        return preferences.rows();
    }

    private void run(CopyManager copy, Progress progress) throws SQLException {
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Math.max(1, programme.instances),
                Comparator.comparingLong((Cursor cursor) -> cursor.time).thenComparingInt(cursor -> cursor.instance));
        for (int i = 0; i < programme.instances; i++) {
            if (programme.planned[i] > 0) {
                Cursor cursor = new Cursor(i);
                cursor.advance();
                queue.add(cursor);
            }
        }
        while (!queue.isEmpty()) {
            Cursor cursor = queue.poll();
            if (random.nextDouble() < membershipOrderRate) {
                membershipOrder(cursor.time);
            }
            if (random.nextDouble() < 0.012) {
                donationOrder(cursor.time);
            }
            ticketOrder(cursor.instance, cursor.group, cursor.time);
            cursor.sold += cursor.group;
            if (cursor.sold < programme.planned[cursor.instance]) {
                cursor.advance();
                queue.add(cursor);
            }
            if (orders.pendingRows() >= CHUNK) {
                flush(copy);
                progress.loaded("tickets", tickets.rows(), settings.tickets());
            }
        }
        flush(copy);
    }

    /** Orders before their lines; preferences only need the customers and partner companies. */
    private void flush(CopyManager copy) throws SQLException {
        orders.flush(copy);
        tickets.flush(copy);
        memberships.flush(copy);
        donations.flush(copy);
        preferences.flush(copy);
    }

    private void ticketOrder(int instance, int group, long time) {
        long day = timeline.epochDay(time);
        chooseCustomers(time, FACILITATED, true);
        int confirming = facilitator != 0 ? facilitator : owner;
        boolean online = online(confirming, 0.68, time);
        long order = order(online, time);
        if (facilitator == 0 && population.role(owner) == Population.ADULT && random.nextDouble() < 0.012) {
            // Joining at the checkout makes the members' price available in the same order (F-7).
            membership(order, 0, owner, ReferenceData.MEMBERS, day);
        }
        boolean member = reference.membersBandScheme < 0 || memberUntil[reference.membersBandScheme][owner] >= day;
        int event = programme.event[instance];
        long standard = programme.standardPence[event];
        byte role = population.role(owner);
        double concession = role == Population.CHILD || role == Population.CARED_FOR ? 0.85
                : role == Population.ORGANISATION ? 0.05 : 0.2;
        long window = Math.min(programme.starts[instance], timeline.now) - time;
        for (int line = 0; line < group; line++) {
            long band;
            long price;
            double r = random.nextDouble();
            if (member && random.nextDouble() < 0.65) {
                band = reference.membersBand;
                price = roundToFiftyPence(standard * 0.85);
            }
            else if (r < 0.025) {
                band = reference.compBand;
                price = 0;
            }
            else if (r < 0.025 + concession) {
                band = reference.concessionBand;
                price = roundToFiftyPence(standard * 0.8);
            }
            else {
                band = reference.standardBand;
                price = standard;
            }
            tickets.number(tickets.rows() + 1).number(order).number(line).number(instance + 1).number(band)
                    .money(price);
            if (window > 240 && random.nextDouble() < RETURNED) {
                tickets.text("RETURNED").timestamp(time + 120 + random.nextLong(window - 120));
                returned++;
            }
            else {
                tickets.text("SOLD").nullValue();
            }
            tickets.endRow();
        }
        if (random.nextDouble() < 0.06) {
            donation(order, 0, Words.FUNDS[0], 100L * (1 + random.nextInt(10)));
        }
        preferences(confirming, event, online, time);
    }

    private void membershipOrder(long time) {
        long day = timeline.epochDay(time);
        chooseCustomers(time, FACILITATED, false);
        int confirming = facilitator != 0 ? facilitator : owner;
        long order = order(online(confirming, 0.7, time), time);
        double r = random.nextDouble();
        int scheme = r < 0.7 ? ReferenceData.MEMBERS : r < 0.92 ? ReferenceData.FRIENDS : ReferenceData.PATRONS;
        membership(order, 0, owner, scheme, day);
        if (scheme == ReferenceData.PATRONS && random.nextBoolean()) {
            donation(order, 0, Words.pick(random, Words.FUNDS), 10_000L * (1 + random.nextInt(10)));
        }
    }

    private void donationOrder(long time) {
        chooseCustomers(time, 0, true);
        long order = order(online(owner, 0.6, time), time);
        int lines = random.nextDouble() < 0.1 ? 2 : 1;
        int firstFund = random.nextInt(Words.FUNDS.length);
        for (int line = 0; line < lines; line++) {
            donation(order, line, Words.FUNDS[(firstFund + line) % Words.FUNDS.length], donationPence());
        }
    }

    /**
     * Online needs a customer who can log in; out of box-office hours such a customer books online,
     * while one who cannot is taken to have phoned the box office.
     */
    private boolean online(int confirming, double share, long time) {
        return population.online(confirming) && (random.nextDouble() < share || !timeline.boxOfficeOpen(time));
    }

    /**
     * Sets {@link #owner}, {@link #facilitator} and {@link #relationship}: with the given chance along a
     * facilitating link of customers that existed at that time, otherwise a plain order by a customer
     * who books for themselves (never a child or a cared-for person, rarely an organisation).
     */
    private void chooseCustomers(long time, double facilitatedChance, boolean organisations) {
        int existing = population.existingAt(time);
        facilitator = 0;
        relationship = 0;
        if (random.nextDouble() < facilitatedChance && chooseLink(existing)) {
            facilitated++;
            return;
        }
        owner = plainOwner(existing, organisations);
    }

    private boolean chooseLink(int existing) {
        double r = random.nextDouble();
        int type = 0;
        while (type < LINK_WEIGHTS.length - 1 && r >= LINK_WEIGHTS[type]) {
            r -= LINK_WEIGHTS[type];
            type++;
        }
        for (int tried = 0; tried < LINK_WEIGHTS.length; tried++) {
            Population.Links links = population.links[(type + tried) % LINK_WEIGHTS.length];
            int usable = links.usable(existing);
            if (usable > 0) {
                int entry = links.pick(random, usable);
                relationship = links.relationship(entry);
                facilitator = links.facilitator(entry);
                owner = links.owner(entry);
                return true;
            }
        }
        return false;
    }

    /**
     * Customers differ in how often they book (a trait fixed per customer); newly created ones tend to
     * book soon after, since most records are made at a first booking.
     */
    private int plainOwner(int existing, boolean organisations) {
        for (int attempt = 0; attempt < 16; attempt++) {
            int id = random.nextDouble() < 0.12 ? existing - random.nextInt(Math.min(existing, 300))
                    : 1 + random.nextInt(existing);
            byte role = population.role(id);
            if (role == Population.CHILD || role == Population.CARED_FOR) {
                continue;
            }
            if (role == Population.ORGANISATION && (!organisations || random.nextDouble() < 0.7)) {
                continue;
            }
            if (attempt < 12 && activity(id) < random.nextDouble()) {
                continue;
            }
            return id;
        }
        for (int id = existing; id > 0; id--) {
            if (population.role(id) == Population.ADULT) {
                return id;
            }
        }
        throw new IllegalStateException("No adult customer existed to own an order");
    }

    private double activity(int id) {
        double u = Seeds.unit(settings.seed(), Seeds.ACTIVITY, id);
        return u < 0.45 ? 0.12 : u < 0.8 ? 0.45 : 1.0;
    }

    private long order(boolean online, long time) {
        long id = orders.rows() + 1;
        orders.number(id).number(owner).reference(facilitator).reference(relationship)
                .text(online ? "ONLINE" : "BOX_OFFICE").timestamp(time);
        orders.endRow();
        return id;
    }

    /** A membership for the order's owner (the member, F-7), from today or from the end of the current one. */
    private void membership(long order, int line, int member, int scheme, long day) {
        int[] until = memberUntil[scheme];
        long from = until[member] >= day ? until[member] + 1 : day;
        long to = LocalDate.ofEpochDay(from).plusYears(1).minusDays(1).toEpochDay();
        until[member] = Math.toIntExact(to);
        memberships.number(memberships.rows() + 1).number(order).number(line).number(reference.schemeIds[scheme])
                .number(member).date(from).date(to).money(reference.schemePence[scheme]);
        memberships.endRow();
    }

    private void donation(long order, int line, String fund, long pence) {
        donations.number(donations.rows() + 1).number(order).number(line).text(fund).money(pence);
        donations.endRow();
    }

    private long donationPence() {
        double r = random.nextDouble();
        return r < 0.3 ? 1_000 : r < 0.55 ? 2_000 : r < 0.7 ? 2_500 : r < 0.85 ? 5_000 : r < 0.95 ? 10_000
                : r < 0.99 ? 25_000 : 100_000;
    }

    /**
     * P-4: the first booking of a customer for a collecting partner company asks for a preference.
     * Some are never recorded (the company was added to the event later, P-5); some were imported
     * before the period, and some changed afterwards on the account page or by an administrator
     * (P-6, P-8): the record keeps the latest.
     */
    private void preferences(int customer, int event, boolean online, long time) {
        for (int partner : programme.eventPartners[event]) {
            int index = programme.collectingIndex[partner];
            if (index < 0) {
                continue;
            }
            long bit = (long) customer * programme.collecting + index;
            int word = (int) (bit >>> 6);
            if ((asked[word] & 1L << bit) != 0) {
                continue;
            }
            asked[word] |= 1L << bit;
            if (random.nextDouble() < 0.08) {
                continue;
            }
            String state;
            String channel;
            String recordedBy = null;
            long setAt = time;
            double r = random.nextDouble();
            if (online) {
                state = r < 0.42 ? "YES" : "NO";
                channel = "ONLINE_CHECKOUT";
            }
            else {
                state = r < 0.33 ? "YES" : r < 0.75 ? "NO" : "NOT_ASKED";
                channel = "BOX_OFFICE";
                recordedBy = Words.pick(random, Words.BOX_OFFICE_USERS);
            }
            double later = random.nextDouble();
            long since = timeline.now - time;
            if (later < 0.05 && population.online(customer) && since > 2 * DAY) {
                state = random.nextBoolean() ? "YES" : "NO";
                channel = "ACCOUNT_PAGE";
                recordedBy = null;
                setAt = time + DAY + random.nextLong(since - DAY - 60);
            }
            else if (later < 0.06 && since > 2 * DAY) {
                state = random.nextBoolean() ? "NO" : "NOT_ASKED";
                channel = "ADMINISTRATOR";
                recordedBy = "admin";
                setAt = time + DAY + random.nextLong(since - DAY - 60);
            }
            else if (later < 0.10 && population.createdAt(customer) < timeline.salesOpen) {
                r = random.nextDouble();
                state = r < 0.3 ? "YES" : r < 0.6 ? "NO" : "NOT_ASKED";
                channel = "IMPORT";
                recordedBy = "import";
                setAt = timeline.salesOpen - DAY;
            }
            preferences.number(customer).number(partner + 1).text(state).timestamp(setAt).text(channel)
                    .text(recordedBy);
            preferences.endRow();
        }
    }

    private static long roundToFiftyPence(double pence) {
        return Math.round(pence / 50) * 50;
    }

    private long groupSize() {
        double r = random.nextDouble();
        return r < 0.27 ? 1 : r < 0.69 ? 2 : r < 0.79 ? 3 : r < 0.91 ? 4 : r < 0.95 ? 5 : r < 0.985 ? 6
                : 8 + random.nextInt(13);
    }

    /** One performance's sales: the next order's size and time on the performance's sales curve. */
    private final class Cursor {

        final int instance;

        int sold;

        int group;

        long time;

        Cursor(int instance) {
            this.instance = instance;
        }

        void advance() {
            int planned = programme.planned[instance];
            group = (int) Math.min(groupSize(), planned - sold);
            long start = programme.starts[instance];
            long sale = programme.onSale[instance];
            double share = programme.soldByNow[instance] * (sold + random.nextDouble() * group) / planned;
            long at = start - (long) ((start - sale) * (1 - share) * (1 - share));
            // Booked at least a quarter of an hour before the show, and before "now".
            time = Math.max(sale, Math.min(at, Math.min(start - 900, timeline.now - 60)));
        }
    }
}
