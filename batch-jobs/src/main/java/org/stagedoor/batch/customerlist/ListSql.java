package org.stagedoor.batch.customerlist;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.booking.preference.PreferenceState;

/**
 * Writes one SQL statement for a checked definition. The text is made only of the fixed fragments
 * below, chosen by enum and by which optional filters a segment has; every value from the definition
 * or the run is a named parameter, prefixed {@code s<i>_} for segment i.
 */
final class ListSql {

    /**
     * The entry in force at the run's cut-off of each customer whose latest entry (V25) came after it, read from the
     * history: the greatest set at or before the cut-off, then the greatest id.
     */
    private static final String IN_FORCE_BEFORE_LATEST = """
            select h.customer_id, h.state, h.set_at, h.channel
              from partner_preference_latest l
             cross join lateral (
                   select h.customer_id, h.state, h.set_at, h.channel
                     from partner_preference_history h
                    where h.partner_company_id = l.partner_company_id and h.customer_id = l.customer_id
                      and h.set_at <= :consent_at
                    order by h.set_at desc, h.id desc
                    limit 1) h
             where l.partner_company_id = :run_partner and l.set_at > :consent_at""";

    /**
     * The preference in force at the run's cut-off, from the history (P-8), so a restart reads the same. A customer's
     * latest history entry (V25, kept with the history) is the one in force at any cut-off at or after its set-at;
     * only a customer whose latest entry came after the cut-off has the history read for the entry before it.
     */
    private static final String CONSENT_AT_CUTOFF = """
            consent as not materialized (
                select l.customer_id, l.state, l.set_at, l.channel
                  from partner_preference_latest l
                 where l.partner_company_id = :run_partner and l.set_at <= :consent_at
                union all
            """ + indent(IN_FORCE_BEFORE_LATEST) + "\n)";

    /**
     * What the sharing ledger keeps of each customer of a partner run, after the columns of the file: who, the
     * consent behind it (P-8) and the email address shared.
     */
    static final String LEDGER_COLUMNS = """
            c.id as ledger_customer_id, rp.state as ledger_consent_state, rp.set_at as ledger_consent_set_at,
                   rp.channel as ledger_consent_channel, c.email as ledger_email""";

    private final ListContext context;

    /** The store's sales span, for reading a venue's segments over a period (see {@link #totalled}); may be null. */
    private final ListReferences.SalesSpan span;

    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /**
     * Up to how many customers a partner company's count looks up one by one in its consent ({@link #listed}); a run's
     * statement looks nobody up.
     */
    private final int fewToLookUp;

    /** Whether this is a count's statement, which reads some segments unlike a run's: see {@link #totalled}. */
    private final boolean counting;

    private ListSql(ListContext context, ListReferences.SalesSpan span, int fewToLookUp, boolean counting) {
        this.context = context;
        this.span = span;
        this.fewToLookUp = fewToLookUp;
        this.counting = counting;
    }

    /** The statement; the definition has passed {@link DefinitionCheck} for this run. */
    static CompiledList compile(CustomerListDefinition definition, ListContext context,
            ListReferences.SalesSpan span) {
        return new ListSql(context, span, 0, false).statement(definition);
    }

    /** Whether compiling the definition for this run reads the store's sales span: see {@link #totalled}. */
    static boolean readsSalesSpan(CustomerListDefinition definition, ListContext context) {
        return definition.segments().stream()
                .anyMatch(segment -> period(segment) != null && fromTotals(segment, context, true));
    }

    /**
     * Whether a segment has totals to be read from, whatever its period: the venue's over every event (V31) for a
     * venue's list, or one company's ({@link #ofOneCompany}, V37).
     */
    private static boolean fromTotals(Segment segment, ListContext context, boolean anyMinimum) {
        return !context.partnerRun() && overEveryEvent(segment) || ofOneCompany(segment, anyMinimum);
    }

    /**
     * A booking segment of one partner company's events (no events named), or a purchasing segment of its tickets
     * alone, read from the company's totals (V37). A partner company's run names no other company than its own
     * ({@link DefinitionCheck}), whose totals are all the totals' policy shows it. A count reads a booking of
     * at least one ticket as the set of its rows' customers ({@link #bookersAsRows}), faster than the totals less the
     * rows outside the period, so {@code anyMinimum} is false for it; a run's statement would otherwise group the
     * rows by customer before its first row.
     */
    private static boolean ofOneCompany(Segment segment, boolean anyMinimum) {
        if (segment instanceof Segment.Booking booking) {
            return booking.partnerCompany() != null && booking.eventIds() == null
                    && (anyMinimum || booking.minTickets() > 1);
        }
        return segment instanceof Segment.Purchasing purchasing && purchasing.partnerCompany() != null
                && purchasing.kinds().equals(Set.of(PurchaseKind.TICKET));
    }

    /** A booking or purchasing segment naming no partner company and no events. */
    private static boolean overEveryEvent(Segment segment) {
        if (segment instanceof Segment.Booking booking) {
            return booking.partnerCompany() == null && booking.eventIds() == null;
        }
        return segment instanceof Segment.Purchasing purchasing && purchasing.partnerCompany() == null;
    }

    /** A booking or purchasing segment's period; null for all time or another type. */
    private static PeriodSpec period(Segment segment) {
        return segment instanceof Segment.Booking booking ? booking.period()
                : segment instanceof Segment.Purchasing purchasing ? purchasing.period() : null;
    }

    private CompiledList statement(CustomerListDefinition definition) {
        List<ListColumn> columns = definition.columns().stream()
                .map(name -> ListColumn.named(name).orElseThrow()).toList();
        List<String> with = new ArrayList<>();
        String select = statement(definition, columns, with);
        return new CompiledList((with.isEmpty() ? "" : "with " + String.join(",\n", with) + "\n") + select,
                parameters, columns.stream().map(ListColumn::column).toList(), context.partnerRun());
    }

    /**
     * The run's statement: its common table expressions added to {@code with}, in order, and its final select
     * returned. Each segment but a has-email one is its own expression {@code s<i>}, so that a count can read the
     * same ones; the final select reads the customers, joined to each segment's customers, and keeps those the
     * segments' flags select combined by the operators (the same customers as the segments' sets combined). For a
     * partner company see {@link #partnerSelect}.
     */
    private String statement(CustomerListDefinition definition, List<ListColumn> columns, List<String> with) {
        List<Segment> segments = definition.segments();
        with.addAll(segmentExpressions(segments));
        StringBuilder sql = new StringBuilder("select ")
                .append(columns.stream().map(column -> column.sql() + " as " + column.columnName())
                        .collect(Collectors.joining(",\n       ")));
        if (context.partnerRun()) {
            return partnerSelect(segments, sql.append(",\n       ").append(LEDGER_COLUMNS), with);
        }
        sql.append("\n  from customer c\n");
        for (int i = 0; i < segments.size(); i++) {
            if (!(segments.get(i) instanceof Segment.HasEmail)) {
                sql.append("  left join s").append(i).append(" on s").append(i).append(".customer_id = c.id\n");
            }
        }
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            flags.add(flag(segments.get(i), i));
        }
        return sql.append(" where ").append(combinedFlags(segments, flags)).append("\n order by c.id").toString();
    }

    /**
     * A partner company's run starts from the company's YES customers, each with its segments' flags, and only
     * then looks up the customers it keeps, one by one by key. The planner can expect far fewer of a grouped
     * segment's customers than there are, and then looked up every customer of the segment, listed or not: so the
     * YES customers with their flags are a subquery it cannot merge ({@code offset 0}), filtered on what the flags
     * decide without the customer's row, and the customer is a lateral look-up of each one kept. The subquery is in
     * customer order, which the file's is: its rows, sorted narrow, are looked up in that order and the file's rows
     * need no sort of their own, so they stream from the first (a run's ledger and file start on them while the
     * statement goes on), where a sort of the whole result had held every row back until the last was found.
     */
    private String partnerSelect(List<Segment> segments, StringBuilder sql, List<String> with) {
        StringBuilder listed = new StringBuilder("select rp.customer_id, rp.state, rp.set_at, rp.channel");
        for (int i = 0; i < segments.size(); i++) {
            if (!(segments.get(i) instanceof Segment.HasEmail)) {
                listed.append(", s").append(i).append(".customer_id is not null as in_").append(i);
            }
        }
        YesCustomers yes = yesCustomers(segments, with);
        listed.append("\n").append(yes.from()).append(yes.where());
        listed.append("\n order by rp.customer_id\noffset 0");
        List<String> flags = new ArrayList<>();
        List<String> withEmail = new ArrayList<>();
        List<String> withoutEmail = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment instanceof Segment.HasEmail hasEmail) {
                flags.add(hasEmail.value() ? "c.email is not null" : "c.email is null");
                withEmail.add(Boolean.toString(hasEmail.value()));
                withoutEmail.add(Boolean.toString(!hasEmail.value()));
            }
            else {
                String flag = (complement(segment) ? "not rp.in_" : "rp.in_") + i;
                flags.add(flag);
                withEmail.add(flag);
                withoutEmail.add(flag);
            }
        }
        String condition = combinedFlags(segments, flags);
        if (segments.stream().anyMatch(Segment.HasEmail.class::isInstance)
                && !segments.stream().allMatch(Segment.HasEmail.class::isInstance)) {
            // What the segments' flags decide, whether the customer has an email address or not, before the look-up.
            condition = "(" + combinedFlags(segments, withEmail) + " or " + combinedFlags(segments, withoutEmail)
                    + ")\n   and " + condition;
        }
        return sql.append("\n  from ").append(parenthesised(listed.toString())).append(" rp\n")
                .append(" cross join lateral (select c.* from customer c where c.id = rp.customer_id offset 0) c\n")
                .append(" where ").append(condition).append("\n order by rp.customer_id").toString();
    }

    /**
     * The run's partner company's customers with a YES as {@code rp}, each joined to every segment's customers
     * (left joins, so that each segment's flag is whether it found the customer): the from clause, and the where
     * clause keeping the YES at the run's cut-off (or as the statement runs) and young enough for the consent-age
     * setting. Whatever the segments say, a definition that forgot to ask for consent is still safe.
     */
    private YesCustomers yesCustomers(List<Segment> segments, List<String> with) {
        boolean atCutoff = consentParameters();
        StringBuilder from = new StringBuilder();
        if (atCutoff) {
            with.add(CONSENT_AT_CUTOFF);
            from.append("  from consent rp\n");
        }
        else {
            from.append("  from partner_preference rp\n");
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!(segments.get(i) instanceof Segment.HasEmail)) {
                from.append("  left join s").append(i).append(" on s").append(i)
                        .append(".customer_id = rp.customer_id\n");
            }
        }
        StringBuilder where = new StringBuilder(" where rp.state = 'YES'");
        if (!atCutoff) {
            where.append(" and rp.partner_company_id = :run_partner");
        }
        if (context.consentNotBefore() != null) {
            // The consent-age setting: an old YES no longer counts.
            parameters.put("consent_not_before", context.consentNotBefore().atOffset(ZoneOffset.UTC));
            where.append(" and rp.set_at >= :consent_not_before");
        }
        return new YesCustomers(from.toString(), where.toString());
    }

    /**
     * The run's company, and its cut-off when it has one, as the consent's statements name them; whether it has one.
     */
    private boolean consentParameters() {
        parameters.put("run_partner", context.runPartnerCompanyId());
        if (context.consentAt() == null) {
            return false;
        }
        parameters.put("consent_at", context.consentAt().atOffset(ZoneOffset.UTC));
        return true;
    }

    /** See {@link #yesCustomers}. */
    private record YesCustomers(String from, String where) {
    }

    /**
     * {@code w}: the customer of {@code customerId} when they have no email address, read from the index of those
     * customers (V25); its {@code id} is null for a customer with an address.
     */
    private static String withoutEmail(String customerId) {
        return "left join customer w on w.id = " + customerId + " and w.email is null";
    }

    /** Whether customer {@code c} is in segment i, as a condition: never null, so the operators combine it as sets. */
    private static String flag(Segment segment, int index) {
        if (segment instanceof Segment.HasEmail hasEmail) {
            return hasEmail.value() ? "c.email is not null" : "c.email is null";
        }
        return "s" + index + ".customer_id is " + (complement(segment) ? "null" : "not null");
    }

    /**
     * Whether a segment's expression {@code s<i>} holds the customers it leaves out rather than those it selects: a
     * preference segment with NOT_ASKED selects every customer but those with a record in another state (P-3).
     */
    private static boolean complement(Segment segment) {
        return segment instanceof Segment.PartnerPreference preference
                && preference.states().contains(PreferenceState.NOT_ASKED);
    }

    /** The flags combined by the operators left to right, as the list reads: {@code ((f0 and f1) or f2) …}. */
    private static String combinedFlags(List<Segment> segments, List<String> flags) {
        String result = flags.get(0);
        for (int i = 1; i < segments.size(); i++) {
            result = switch (segments.get(i).operator()) {
                case AND -> "(" + result + " and " + flags.get(i) + ")";
                case OR -> "(" + result + " or " + flags.get(i) + ")";
                case EXCEPT -> "(" + result + " and not " + flags.get(i) + ")";
            };
        }
        return result;
    }

    /**
     * {@code s<i> (customer_id) as (…)}: each segment's customers, as the run's fragment selects them; a has-email
     * segment is a condition on the customer's own row instead.
     */
    private List<String> segmentExpressions(List<Segment> segments) {
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) instanceof Segment.HasEmail) {
                continue;
            }
            expressions.add("s" + i + " (customer_id) as " + parenthesised(segment(segments.get(i), i)));
        }
        return expressions;
    }

    /**
     * One statement counting each segment's own customers and the result after each segment, in one pass: every
     * customer found in any segment (every customer, when a has-email segment reads them all) gets one row with a
     * flag {@code in_<i>} per segment, and the result after segment i is those flags combined by the operators, left
     * to right as {@link #combinedFlags} does; a customer in no segment is in no result. One row: {@code segment_<i>}
     * and {@code total_<i>} for every segment, and for a run for a partner company {@code listed} and
     * {@code without_email}: the customers its file would list, and of those the ones without an email address. A
     * partner company's list is counted as sorted sets ({@link #sortedSetCounts}), but one of email segments alone,
     * counted from the store's tally ({@link #talliedListed}).
     */
    static SegmentCounts segmentCounts(CustomerListDefinition definition, ListContext context,
            ListReferences.SalesSpan span, int fewToLookUp) {
        return new ListSql(context, span, fewToLookUp, true).segmentCounts(definition);
    }

    private SegmentCounts segmentCounts(CustomerListDefinition definition) {
        List<Segment> segments = definition.segments();
        List<String> with = new ArrayList<>();
        // A venue's list shares nobody: its run's statement is not counted. A partner company's list of email
        // segments alone shares YES customers by their email address only: counted from the store's tally.
        boolean tallied = context.partnerRun() && context.consentAt() != null && context.consentNotBefore() == null
                && segments.stream().allMatch(Segment.HasEmail.class::isInstance);
        // A venue's count of several segments groups all their rows by customer once, rather than each segment's
        // rows and then every segment's customers again; the segments select the same customers either way.
        boolean distinctSets = distinctSets(segments);
        boolean groupedOnce = !context.partnerRun() && !distinctSets
                && segments.stream().filter(segment -> !(segment instanceof Segment.HasEmail)).count() > 1;
        // A venue's list of email segments and one or two companies' preference segments: counted from the tallies
        // alone.
        List<Long> consentCompanies = context.partnerRun() ? null : consentCompanies(segments);
        if (!tallied && consentCompanies == null && countedAsSortedSets(segments)) {
            return sortedSetCounts(segments);
        }
        if (!groupedOnce && consentCompanies == null) {
            with.addAll(segmentExpressions(segments));
        }
        String listed = context.partnerRun() ? talliedListed(segments) : null;
        boolean hasEmail = segments.stream().anyMatch(Segment.HasEmail.class::isInstance);
        boolean everyCustomer = hasEmail || segments.stream().anyMatch(ListSql::complement);
        List<String> found = new ArrayList<>();
        List<String> foundFlags = new ArrayList<>();
        int foundSegment = -1;
        List<String> flags = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        String result = null;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment instanceof Segment.HasEmail email) {
                flags.add((email.value() ? "has_email" : "not has_email") + " as in_" + i);
                outside.add((email.value() ? "e.has_email" : "not e.has_email") + " as in_" + i);
            }
            else {
                if (groupedOnce) {
                    Lines lines = lines(segment, i);
                    found.add("select customer_id, " + i + " as segment, amount\n  from " + parenthesised(lines.sql())
                            + " r" + i);
                    foundFlags.add("coalesce(sum(amount) filter (where segment = " + i + ") >= " + lines.least()
                            + ", false) as found_" + i);
                }
                else {
                    found.add("select customer_id, " + i + " as segment from s" + i);
                    foundFlags.add("bool_or(segment = " + i + ") as found_" + i);
                }
                foundSegment = i;
                flags.add((complement(segment) ? "not found_" : "found_") + i + " as in_" + i);
                outside.add(complement(segment) + " as in_" + i);
            }
            result = i == 0 ? "in_0" : switch (segment.operator()) {
                case AND -> "(" + result + " and in_" + i + ")";
                case OR -> "(" + result + " or in_" + i + ")";
                case EXCEPT -> "(" + result + " and not in_" + i + ")";
            };
            counts.add("coalesce(sum(customers) filter (where in_" + i + "), 0) as segment_" + i);
            counts.add("coalesce(sum(customers) filter (where " + result + "), 0) as total_" + i);
        }
        // The customers found in the segments, once each with a flag per segment: one segment's are distinct
        // already, several preference segments' are joined (each holds a customer once), others are grouped. A list
        // counted from the tallies reads none of them.
        String foundSets = consentCompanies != null || found.isEmpty() ? null : found.size() == 1
                ? "select customer_id, true as found_" + foundSegment + " from s" + foundSegment
                : distinctSets ? joinedSets(segments)
                : "select customer_id, " + String.join(", ", foundFlags) + "\n  from (\n"
                        + indent(String.join("\nunion all\n", found), 4) + "\n       ) found\n group by customer_id";
        if (consentCompanies != null) {
            with.add(consentCompanies.size() == 1 ? consentGroups(segments, consentCompanies.get(0))
                    : consentPairGroups(segments, consentCompanies.get(0), consentCompanies.get(1)));
        }
        else if (found.isEmpty()) {
            // Email segments alone: every customer's flags are whether they have an address, so each group's
            // customers are the store's tally of customers with and without one (V29), read and nothing else.
            with.add("customer_flags as (select " + String.join(", ", flags).replace("has_email", "t.with_email")
                    + ", t.customers\n      from customer_email_tally t)");
        }
        else if (found.size() == 1 && !everyCustomer) {
            // One segment's customers are distinct already.
            with.add("customer_flags as (select true as in_0, 1 as customers from s0)");
        }
        else if (!everyCustomer) {
            // A customer in no segment is in no result: only the customers found in some segment are counted.
            with.add("customer_flags as (\n    select " + String.join(", ", flags) + ", 1 as customers\n"
                    + "      from " + parenthesised(foundSets).replace("\n", "\n      ") + " found\n)");
        }
        else {
            // A has-email segment, or one that selects every customer but a few, holds most customers. Every
            // customer found in no segment's expression has the same flags as the others with or without an email,
            // so they are counted as two rows: how many customers have (or lack) an email, less those found; both
            // numbers come from the store's tally (V29), without reading the customers. Whether a found customer has
            // an email: not among those without one, read from their index (V25). One preference segment's customers
            // come from its index in order, and are merged with them; others are looked up in a hash of them (a
            // join there was planned as a look-up of each customer, from too low an estimate of the customers found).
            boolean inOrder = found.size() == 1 && segments.get(foundSegment) instanceof Segment.PartnerPreference;
            String email = !hasEmail ? "true" : inOrder ? "w.id is null"
                    : "found.customer_id not in (select c.id from customer c where c.email is null)";
            String foundCustomers = "select " + email + " as has_email, found.*\n  from " + parenthesised(foundSets)
                    + " found" + (hasEmail && inOrder ? "\n  " + withoutEmail("found.customer_id") : "");
            with.add("found_customers as " + parenthesised(foundCustomers));
            with.add("customer_flags as (\n    select " + String.join(", ", flags) + ", 1 as customers\n"
                    + "      from found_customers\n    union all\n    select " + String.join(", ", outside)
                    + ",\n           e.customers - (select count(*) from found_customers f"
                    + " where f.has_email = e.has_email)\n      from " + outsideGroups(segments, hasEmail) + ")");
        }
        String counted = "select " + String.join(",\n       ", counts) + "\n  from customer_flags";
        String sql = "with " + String.join(",\n", with) + "\n" + (listed == null ? counted
                : "select counted.*, listed.listed, listed.without_email\n  from " + parenthesised(counted)
                        + " counted\n cross join (\n" + listed + "\n) listed");
        return new SegmentCounts(sql, parameters, segments.size());
    }

    /**
     * Whether a list is counted as sorted sets ({@link #sortedSetCounts}): a partner company's list, and a venue's list
     * with a booking segment of at least one ticket read from the summary's rows, whose customers are then its rows'
     * customers without duplicates.
     */
    private boolean countedAsSortedSets(List<Segment> segments) {
        return context.partnerRun() || segments.stream().anyMatch(this::bookersAsRows);
    }

    /** A booking segment whose customers are those of its summary rows: at least one ticket, not from the totals. */
    private boolean bookersAsRows(Segment segment) {
        return segment instanceof Segment.Booking booking && booking.minTickets() <= 1 && !totalled(segment);
    }

    /**
     * The counts of {@link #segmentCounts} from each segment's customers as one sorted array of ids, combined with
     * the intarray extension's set functions (V35), left to right as {@link #combinedFlags}: grouping a booking
     * segment's rows by customer in the executor was most of such a count, and sorting and merging arrays of
     * integers does the same in a fraction of the time. The customers without an email address and those of a
     * preference segment are the store's sorted sets (V36), read whole. A set that holds most customers (with an email
     * address, or a preference with NOT_ASKED) is kept as the customers it leaves out, and counted as every customer
     * (the email tally, V29) less those. A partner company's run lists the set's customers with a YES at its cut-off,
     * the same ones as its file's statement, and counts those of them among the customers without an email address.
     */
    private SegmentCounts sortedSetCounts(List<Segment> segments) {
        List<String> with = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        List<SortedSet> sets = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment instanceof Segment.HasEmail email) {
                sets.add(new SortedSet("sets.without_email", email.value()));
                continue;
            }
            if (segment instanceof Segment.PartnerPreference preference) {
                arrays.add(storedPreference(preference, "s" + i + "_") + " as a" + i);
                sets.add(new SortedSet("sets.a" + i, complement(segment)));
                continue;
            }
            // A booking segment's rows as they are, its customers repeated; any other segment's customers.
            String customers = bookersAsRows(segment) ? bookingLines((Segment.Booking) segment, "s" + i + "_").sql()
                    : segment(segment, i);
            arrays.add("(select extensions.uniq(extensions.sort(coalesce(array_agg(r.customer_id::int), '{}')))\n"
                    + "   from " + parenthesised(customers).replace("\n", "\n   ") + " r) as a" + i);
            sets.add(new SortedSet("sets.a" + i, complement(segment)));
        }
        String withoutEmail = "customers_without_email()";
        if (segments.stream().anyMatch(Segment.HasEmail.class::isInstance)) {
            arrays.add(withoutEmail + " as without_email");
            withoutEmail = "sets.without_email";
        }
        arrays.add("(select coalesce(sum(t.customers), 0)::bigint from customer_email_tally t) as everyone");
        with.add("sets as materialized (\n    select " + String.join(",\n           ", arrays).replace("\n", "\n    ")
                + "\n)");
        List<String> counts = new ArrayList<>();
        StringBuilder from = new StringBuilder("  from sets");
        SortedSet result = null;
        for (int i = 0; i < segments.size(); i++) {
            SortedSet set = sets.get(i);
            result = i == 0 ? set : switch (segments.get(i).operator()) {
                case AND -> result.and(set);
                case OR -> result.or(set);
                case EXCEPT -> result.and(set.complement());
            };
            if (i > 0) {
                // Each result is worked out once, as its own subquery (offset 0), and read by the next.
                from.append("\n cross join lateral (select ").append(result.array()).append(" as t").append(i)
                        .append(" offset 0) t").append(i);
                result = new SortedSet("t" + i + ".t" + i, result.negated());
            }
            counts.add(set.count() + " as segment_" + i);
            counts.add(result.count() + " as total_" + i);
        }
        if (context.partnerRun()) {
            from.append("\n cross join lateral (select ").append(listed(result, with))
                    .append(" as listed offset 0) l");
            counts.add("extensions.icount(l.listed) as listed");
            counts.add("extensions.icount(extensions._int_inter(l.listed, " + withoutEmail + ")) as without_email");
        }
        String sql = "with " + String.join(",\n", with) + "\nselect " + String.join(",\n       ", counts)
                + "\n" + from;
        return new SegmentCounts(sql, parameters, segments.size());
    }

    /**
     * The customers of a partner company's run that its file would list: those of the segments' result with a YES at
     * the run's cut-off, from the same consent as the run ({@link #yesCustomers}), merged with the company's YES
     * customers stored as a sorted array (V36, {@link #storedYesAtCutoff}). With the consent-age setting on, the YES
     * customers young enough are read from the consent instead: each of a few customers is looked up in it (the
     * consent is not materialized, so the look-up reads the company's entry of that customer), or for more all of
     * them are read whole as a sorted array. Only the branch taken is run.
     */
    private String listed(SortedSet result, List<String> with) {
        if (context.consentAt() != null && context.consentNotBefore() == null) {
            consentParameters();
            return new SortedSet(storedYesAtCutoff(), false).and(result).array();
        }
        YesCustomers yes = yesCustomers(List.of(), with);
        String everyYes = "(select extensions.sort(coalesce(array_agg(rp.customer_id::int), '{}'))\n"
                + indent(yes.from()) + "\n   " + yes.where() + ")";
        String merged = new SortedSet(everyYes, false).and(result).array();
        if (result.negated()) {
            return merged;
        }
        String few = parameter("few_to_look_up", fewToLookUp);
        return "case when extensions.icount(" + result.array() + ") > " + few + "\n  then " + merged
                + "\n  else (select coalesce(array_agg(u.id order by u.id), '{}') from unnest(" + result.array()
                + ") u (id)\n         where exists (select 1 " + yes.from().strip() + yes.where()
                + " and rp.customer_id = u.id offset 0)) end";
    }

    /**
     * The company's customers with a YES at the run's cut-off as a sorted array, the same ones as its consent
     * ({@link #CONSENT_AT_CUTOFF}): the stored set of those whose latest entry is a YES (V36), less the customers whose
     * latest entry came after the cut-off, with those of them whose entry in force then was a YES.
     */
    private static String storedYesAtCutoff() {
        return """
                extensions._int_union(
                    extensions.intset_subtract(customers_with_preference(:run_partner, 'YES'),
                        (select coalesce(array_agg(l.customer_id::int order by l.customer_id), '{}')
                           from partner_preference_latest l
                          where l.partner_company_id = :run_partner and l.set_at > :consent_at)),
                    (select coalesce(array_agg(h.customer_id::int order by h.customer_id), '{}')
                       from (
                """ + indent(IN_FORCE_BEFORE_LATEST, 12) + """

                            ) h
                      where h.state = 'YES'))""";
    }

    /**
     * A preference segment's customers as a sorted array, from the stored sets of the company's customers in each
     * state (V36): the union of its states' sets, or with NOT_ASKED (see {@link #complement}) of the other states'.
     */
    private String storedPreference(Segment.PartnerPreference segment, String prefix) {
        String partner = parameter(prefix + "partner", partnerId(segment.partnerCompany()));
        boolean leftOut = segment.states().contains(PreferenceState.NOT_ASKED);
        String union = null;
        for (PreferenceState state : PreferenceState.values()) {
            if (segment.states().contains(state) != leftOut) {
                String set = "customers_with_preference(" + partner + ", '" + state.name() + "')";
                union = union == null ? set : "extensions._int_union(" + union + ", " + set + ")";
            }
        }
        // Every state chosen: none left out.
        return union == null ? "'{}'::integer[]" : union;
    }

    /**
     * A set of customers as a sorted array of ids ({@code array}), or when {@code negated} every customer but those
     * of the array; {@code array} is a column or an expression of the extension's functions.
     */
    private record SortedSet(String array, boolean negated) {

        SortedSet complement() {
            return new SortedSet(array, !negated);
        }

        SortedSet and(SortedSet other) {
            if (!negated) {
                return other.negated ? set("intset_subtract", array, other.array, false)
                        : set("_int_inter", array, other.array, false);
            }
            return other.negated ? set("_int_union", array, other.array, true)
                    : set("intset_subtract", other.array, array, false);
        }

        SortedSet or(SortedSet other) {
            // Every customer but those in neither: A or B is not (not A and not B).
            return complement().and(other.complement()).complement();
        }

        String count() {
            return negated ? "sets.everyone - extensions.icount(" + array + ")" : "extensions.icount(" + array + ")";
        }

        private static SortedSet set(String function, String first, String second, boolean negated) {
            return new SortedSet("extensions." + function + "(" + first + ", " + second + ")", negated);
        }
    }

    /**
     * The one or two partner companies whose preferences the segments but the email ones ask for, in the order of
     * their ids; null when a segment is of another type, when they name more than two companies, or when no segment
     * asks for a preference.
     */
    private List<Long> consentCompanies(List<Segment> segments) {
        TreeSet<Long> companies = new TreeSet<>();
        for (Segment segment : segments) {
            if (segment instanceof Segment.PartnerPreference preference) {
                companies.add(partnerId(preference.partnerCompany()));
            }
            else if (!(segment instanceof Segment.HasEmail)) {
                return null;
            }
        }
        return companies.isEmpty() || companies.size() > 2 ? null : List.copyOf(companies);
    }

    /**
     * {@code customer_flags} of a list whose segments ask only whether a customer has an email address and what their
     * latest preference for one company is: every customer with the same state and side has the same flags, so the
     * customers are counted by group from the store's tallies (V29, V30), kept in the same statements as the entries
     * and the customers. The customers with no entry for the company are NOT_ASKED (P-3): all customers on that side
     * less those with an entry.
     */
    private String consentGroups(List<Segment> segments, long company) {
        String partner = parameter("tally_partner", company);
        List<String> flags = groupFlags(segments, preference -> "g.state");
        return """
                customer_flags as (
                    select %1$s, g.customers
                      from (
                        select t.state, t.with_email, sum(t.customers)::bigint as customers
                          from partner_consent_tally t
                         where t.partner_company_id = %2$s
                         group by t.state, t.with_email
                        union all
                        select null, e.with_email, e.customers - coalesce((
                                   select sum(t.customers) from partner_consent_tally t
                                    where t.partner_company_id = %2$s and t.with_email = e.with_email), 0)::bigint
                          from (select t.with_email, sum(t.customers)::bigint as customers
                                  from customer_email_tally t group by t.with_email) e
                           ) g
                )""".formatted(String.join(", ", flags), partner);
    }

    /**
     * {@code customer_flags} of a list whose segments ask only whether a customer has an email address and what their
     * latest preferences for two companies are ({@code first} &lt; {@code second}): counted by group as
     * {@link #consentGroups} does, from the store's tally of customers with an entry for both (V34); those with an
     * entry for one company only are that company's tally less those with both, and those with neither all customers
     * on that side less the two companies' and plus those with both. A missing entry is NOT_ASKED (P-3).
     */
    private String consentPairGroups(List<Segment> segments, long first, long second) {
        String firstId = parameter("tally_first", first);
        String secondId = parameter("tally_second", second);
        List<String> flags = groupFlags(segments, preference -> partnerId(preference.partnerCompany()) == first
                ? "g.first_state" : "g.second_state");
        return """
                pair_tally as (
                    select p.first_state, p.second_state, p.with_email, sum(p.customers)::bigint as customers
                      from partner_consent_pair_tally p
                     where p.first_company_id = %2$s and p.second_company_id = %3$s
                     group by p.first_state, p.second_state, p.with_email
                ),
                company_tally as (
                    select t.partner_company_id, t.state, t.with_email, sum(t.customers)::bigint as customers
                      from partner_consent_tally t
                     where t.partner_company_id in (%2$s, %3$s)
                     group by t.partner_company_id, t.state, t.with_email
                ),
                customer_flags as (
                    select %1$s, g.customers
                      from (
                        select p.first_state, p.second_state, p.with_email, p.customers from pair_tally p
                        union all
                        select t.state, null, t.with_email, t.customers - coalesce((
                                   select sum(p.customers) from pair_tally p
                                    where p.first_state = t.state and p.with_email = t.with_email), 0)
                          from company_tally t where t.partner_company_id = %2$s
                        union all
                        select null, t.state, t.with_email, t.customers - coalesce((
                                   select sum(p.customers) from pair_tally p
                                    where p.second_state = t.state and p.with_email = t.with_email), 0)
                          from company_tally t where t.partner_company_id = %3$s
                        union all
                        select null, null, e.with_email, e.customers
                                   - coalesce((select sum(t.customers) from company_tally t
                                                where t.with_email = e.with_email), 0)
                                   + coalesce((select sum(p.customers) from pair_tally p
                                                where p.with_email = e.with_email), 0)
                          from (select t.with_email, sum(t.customers)::bigint as customers
                                  from customer_email_tally t group by t.with_email) e
                           ) g
                )""".formatted(String.join(", ", flags), firstId, secondId);
    }

    /**
     * The flags {@code in_<i>} of a group {@code g} of customers counted from the tallies: {@code g.with_email}, and
     * for each preference segment the group's state for its company, in the column {@code stateColumn} names; a group
     * with no entry for the company is NOT_ASKED (P-3).
     */
    private List<String> groupFlags(List<Segment> segments,
            Function<Segment.PartnerPreference, String> stateColumn) {
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) instanceof Segment.HasEmail email) {
                flags.add((email.value() ? "g.with_email" : "not g.with_email") + " as in_" + i);
            }
            else {
                Segment.PartnerPreference preference = (Segment.PartnerPreference) segments.get(i);
                flags.add("coalesce(" + stateColumn.apply(preference) + ", 'NOT_ASKED') in (" + parameter(
                        "s" + i + "_states", preference.states().stream().map(PreferenceState::name).toList())
                        + ") as in_" + i);
            }
        }
        return flags;
    }

    /**
     * Whether every segment but the email ones is a preference segment: each then holds a customer once (one record
     * per customer and company), and several are joined rather than grouped.
     */
    private static boolean distinctSets(List<Segment> segments) {
        return segments.stream().filter(segment -> !(segment instanceof Segment.HasEmail))
                .allMatch(Segment.PartnerPreference.class::isInstance);
    }

    /**
     * The customers found in any of several segments that each hold a customer once, with a flag {@code found_<i>}
     * per segment: their expressions joined by full joins on the customer, merged in the customer's order when their
     * indexes give it, instead of their rows grouped.
     */
    private static String joinedSets(List<Segment> segments) {
        List<String> ids = new ArrayList<>();
        List<String> foundFlags = new ArrayList<>();
        StringBuilder from = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) instanceof Segment.HasEmail) {
                continue;
            }
            String id = "s" + i + ".customer_id";
            if (ids.isEmpty()) {
                from.append("s").append(i);
            }
            else {
                from.append("\n  full join s").append(i).append(" on ").append(id).append(" = ")
                        .append(ids.size() == 1 ? ids.get(0) : "coalesce(" + String.join(", ", ids) + ")");
            }
            ids.add(id);
            foundFlags.add(id + " is not null as found_" + i);
        }
        return "select coalesce(" + String.join(", ", ids) + ") as customer_id, " + String.join(", ", foundFlags)
                + "\n  from " + from;
    }

    /**
     * What a partner company's list of email segments alone shares: the company's YES customers with and without an
     * email address, from {@code partner_consent_tally} (V30), kept by the store in the same statements as the
     * entries and the customers. An entry set after the run's cut-off counts with the state in force at the cut-off
     * instead (read from the history, as the run reads it). A run without a cut-off reads the preferences themselves,
     * and a consent-age limit reads each YES's time: neither is counted so.
     */
    private String talliedListed(List<Segment> segments) {
        consentParameters();
        List<String> flags = new ArrayList<>();
        for (Segment segment : segments) {
            flags.add(((Segment.HasEmail) segment).value() ? "y.has_email" : "not y.has_email");
        }
        String condition = combinedFlags(segments, flags);
        String yes = """
                select t.with_email as has_email, t.customers
                  from partner_consent_tally t
                 where t.partner_company_id = :run_partner and t.state = 'YES'
                union all
                select c.email is not null, -1
                  from partner_preference_latest l
                  join customer c on c.id = l.customer_id
                 where l.partner_company_id = :run_partner and l.set_at > :consent_at and l.state = 'YES'
                union all
                select c.email is not null, 1
                  from (
                """ + indent(IN_FORCE_BEFORE_LATEST, 8) + """

                       ) h
                  join customer c on c.id = h.customer_id
                 where h.state = 'YES'""";
        return "    select coalesce(sum(y.customers) filter (where " + condition + "), 0) as listed,\n"
                + "           coalesce(sum(y.customers) filter (where " + condition + " and not y.has_email), 0)"
                + " as without_email\n      from " + parenthesised(yes).replace("\n", "\n      ") + " y";
    }

    /**
     * The customers found in no segment's expression, as rows {@code e (has_email, customers)}: one per group that
     * has the same flags (with and without an email address, or everyone without a has-email segment). A group whose
     * flags select it for no count is left out. How many customers there are with and without an email address
     * comes from {@code customer_email_tally} (V29), kept by the store in the same statements as the customer table.
     */
    private static String outsideGroups(List<Segment> segments, boolean hasEmail) {
        String tally = "(select coalesce(sum(t.customers), 0)::bigint from customer_email_tally t";
        if (!hasEmail) {
            return "(values (true, " + tally + "))) e (has_email, customers)\n";
        }
        List<String> groups = new ArrayList<>();
        if (countedOutside(segments, true)) {
            groups.add("(true, " + tally + " where t.with_email))");
        }
        if (countedOutside(segments, false)) {
            groups.add("(false, " + tally + " where not t.with_email))");
        }
        return groups.isEmpty() ? "(select true, 0::bigint where false) e (has_email, customers)\n"
                : "(values " + String.join(",\n        ", groups) + ") e (has_email, customers)\n";
    }

    /**
     * Whether a customer found in no segment's expression, with or without an email address, is in any segment's
     * count or any running total: its flags are known without reading it (see {@link #flag}).
     */
    private static boolean countedOutside(List<Segment> segments, boolean withEmail) {
        boolean result = false;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            boolean in = segment instanceof Segment.HasEmail email ? email.value() == withEmail : complement(segment);
            result = i == 0 ? in : switch (segment.operator()) {
                case AND -> result && in;
                case OR -> result || in;
                case EXCEPT -> result && !in;
            };
            if (in || result) {
                return true;
            }
        }
        return false;
    }

    private String segment(Segment segment, int index) {
        String prefix = "s" + index + "_";
        if (segment instanceof Segment.PartnerPreference preference) {
            return preference(preference, prefix);
        }
        if (totalled(segment)) {
            return totalExpression(segment, prefix);
        }
        if (segment instanceof Segment.Booking booking) {
            return booking(booking, prefix);
        }
        return purchasing((Segment.Purchasing) segment, prefix);
    }

    /**
     * Segment i's rows before they are grouped by customer, as {@code customer_id, amount}, and the least sum of
     * amounts that selects a customer: the segment's expression {@code s<i>} is these rows grouped (a preference
     * segment's rows are one per customer already). A count of several segments groups all their rows once.
     */
    private Lines lines(Segment segment, int index) {
        if (segment instanceof Segment.PartnerPreference) {
            return new Lines("select customer_id, 1 as amount\n  from " + parenthesised(segment(segment, index))
                    + " pp", "1");
        }
        String prefix = "s" + index + "_";
        if (totalled(segment)) {
            return totalLines(segment, prefix);
        }
        return segment instanceof Segment.Booking booking ? bookingLines(booking, prefix)
                : purchasingLines((Segment.Purchasing) segment, prefix);
    }

    /**
     * Whether a segment is read from each customer's purchase totals: a venue's booking or purchasing segment over
     * every event (V31), or one of a single company's events ({@link #ofOneCompany}, V37), of all time or of a period
     * holding most of the store's sales (fewer rows outside it than in it). A partner company's run sees its own
     * events' rows only, which the venue's totals do not keep, and only its own company's totals.
     */
    private boolean totalled(Segment segment) {
        return fromTotals(segment, context, !counting)
                && (period(segment) == null || mostlyWithin(period(segment), segment instanceof Segment.Booking));
    }

    /**
     * Whether the store's sales span less time outside the period than inside it: its performances' dates for a
     * booking segment, its confirmation times for a purchasing one. Time stands for rows here; either way of reading
     * the segment selects the same customers.
     */
    private boolean mostlyWithin(PeriodSpec spec, boolean performances) {
        if (span == null) {
            return false;
        }
        Instant first = performances ? span.firstPerformance() : span.firstConfirmed();
        Instant last = performances ? span.lastPerformance() : span.lastConfirmed();
        if (first == null || last == null) {
            return false;
        }
        Period period = spec.resolve(context.today());
        Instant from = period.start(context.zone());
        Instant to = period.endExclusive(context.zone());
        Duration outside = positive(Duration.between(first, from)).plus(positive(Duration.between(to, last)));
        Duration inside = Duration.between(from.isAfter(first) ? from : first, to.isBefore(last) ? to : last);
        return outside.compareTo(inside) < 0;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /**
     * A totalled segment's customers: those whose totals reach its least, less, over a period, what they bought
     * outside it (amounts are never negative, so a total under the least is left out at once).
     */
    private String totalExpression(Segment segment, String prefix) {
        Total total = total(segment, prefix);
        String reached = "select t.customer_id\n  from " + total.table() + " t\n";
        if (total.outsideRows() == null) {
            return reached + " where " + total.reached();
        }
        return reached + "  left join (\n    select customer_id, sum(amount)::bigint as amount\n      from "
                + parenthesised(total.outsideRows()).replace("\n", "\n      ") + " o\n     group by customer_id\n"
                + ") o on o.customer_id = t.customer_id\n where " + total.reached()
                + "\n   and " + total.amount() + " - coalesce(o.amount, 0) >= " + total.least();
    }

    /**
     * A totalled segment's rows as {@code customer_id, amount}, summing to the same customers as its summary rows:
     * each customer's totals that reach the least and, over a period, minus what was bought outside it.
     */
    private Lines totalLines(Segment segment, String prefix) {
        Total total = total(segment, prefix);
        String rows = "select t.customer_id, " + total.amount() + " as amount\n  from " + total.table() + " t\n"
                + " where " + total.reached();
        return new Lines(total.outsideRows() == null ? rows : rows + "\nunion all\nselect customer_id, -amount\n"
                + "  from " + parenthesised(total.outsideRows()) + " o", total.least());
    }

    /**
     * What a totalled segment sums in the totals, the least sum, and over a period the summary rows outside it as
     * {@code customer_id, amount}. A purchasing segment of any amount sums the lines of the chosen kinds instead of
     * their cents: at least one line.
     */
    private Total total(Segment segment, String prefix) {
        // A company's totals (V37), or the venue's over every event (V31).
        PartnerRef company = segment instanceof Segment.Booking booking ? booking.partnerCompany()
                : ((Segment.Purchasing) segment).partnerCompany();
        String partner = company == null ? null : parameter(prefix + "partner", partnerId(company));
        String table = company == null ? "customer_purchase_total" : "partner_customer_total";
        if (segment instanceof Segment.Booking booking) {
            String outside = booking.period() == null ? null : """
                    select %1$s as customer_id, s.tickets as amount
                      from order_summary s
                      join event_instance ei on ei.id = s.event_instance_id
                     where s.tickets > 0%3$s
                       and (%2$s)""".formatted(booking.groupBy().sql(),
                    String.join(" or ", outside("ei.starts_at", booking.period(), prefix)),
                    partner == null ? "" : "\n   and " + companysRow(partner));
            return new Total(table, partner, "t." + side(booking.groupBy()) + "_tickets",
                    parameter(prefix + "min_tickets", booking.minTickets()), null, outside);
        }
        Segment.Purchasing purchasing = (Segment.Purchasing) segment;
        boolean anyAmount = purchasing.minAmount().signum() == 0;
        List<String> sums = new ArrayList<>();
        for (PurchaseKind kind : purchasing.kinds()) {
            String lines = switch (kind) {
                case TICKET -> "tickets";
                case MEMBERSHIP -> "memberships";
                case DONATION -> "donations";
            };
            String column = anyAmount ? lines : lines.replaceFirst("s$", "_cents");
            sums.add("t." + side(purchasing.groupBy()) + "_" + column);
        }
        String outside = null;
        if (purchasing.period() != null) {
            // Before the period, then after it: each a range of the indexes on confirmation time, read alone.
            List<String> rows = new ArrayList<>();
            for (String confirmed : outside("s.confirmed_at", purchasing.period(), prefix)) {
                rows.add(purchaseLines(purchasing, prefix, confirmed, anyAmount));
            }
            outside = "select buyer as customer_id, cents as amount\n  from "
                    + parenthesised(String.join("\nunion all\n", rows)) + " purchase";
        }
        // Whole cents, bound as a whole number: the totals are compared as integers, not as numeric values.
        long leastCents = purchasing.minAmount().movePointRight(2).setScale(0, RoundingMode.CEILING).longValueExact();
        // Without tickets, the customers holding any membership or donation are read from their own index (V33),
        // whose condition the statement repeats: reaching any least takes at least one of them.
        String held = purchasing.kinds().contains(PurchaseKind.TICKET) ? null : "(t.owner_memberships > 0"
                + " or t.owner_donations > 0 or t.credited_memberships > 0 or t.credited_donations > 0)";
        return new Total(table, partner, String.join(" + ", sums),
                anyAmount ? "1" : parameter(prefix + "min_cents", leastCents), held, outside);
    }

    /**
     * See {@link #total}.
     *
     * @param partner the placeholder of the partner company whose totals are read; null for the venue's
     * @param held a condition every customer reaching the least meets, for an index; null for none
     */
    private record Total(String table, String partner, String amount, String least, String held,
            String outsideRows) {

        /** The customers whose totals reach the least. */
        String reached() {
            return (partner == null ? "" : "t.partner_company_id = " + partner + "\n   and ") + amount + " >= " + least
                    + (held == null ? "" : "\n   and " + held);
        }
    }

    private static String side(GroupBy groupBy) {
        return groupBy == GroupBy.OWNER ? "owner" : "credited";
    }

    /** A segment's rows as {@code customer_id, amount}, and the least sum selecting a customer. */
    private record Lines(String sql, String least) {
    }

    /**
     * P-3: a customer with no record for the company counts as NOT_ASKED. Without NOT_ASKED among the states, the
     * customers are the company's records in those states, read from its index alone; with it, the segment selects
     * every customer but those whose record is in another state, and its expression holds those left out (see
     * {@link #complement}), also read from the index alone. The record is the latest entry of the preference's
     * history (V25, P-8), as a partner company's run reads consent, and as the store's tally of them counts.
     */
    private String preference(Segment.PartnerPreference segment, String prefix) {
        String partner = parameter(prefix + "partner", partnerId(segment.partnerCompany()));
        List<String> states = segment.states().stream().map(PreferenceState::name).toList();
        if (!segment.states().contains(PreferenceState.NOT_ASKED)) {
            return """
                    select pp.customer_id
                      from partner_preference_latest pp
                     where pp.partner_company_id = %s and pp.state in (%s)""".formatted(partner,
                    parameter(prefix + "states", states));
        }
        return """
                select pp.customer_id
                  from partner_preference_latest pp
                 where pp.partner_company_id = %s and pp.state not in (%s)""".formatted(partner,
                parameter(prefix + "states", states));
    }

    /**
     * Booking and purchasing segments read {@code order_summary} (V17): the sold tickets of each order by performance
     * and its memberships and donations, with the customers it is credited to, kept equal to the base tables by the
     * store's triggers in the same transactions, so a run reads the same customers as from the tickets themselves.
     */
    private String booking(Segment.Booking segment, String prefix) {
        return """
                select %1$s as customer_id
                  from order_summary s
                  join event_instance ei on ei.id = s.event_instance_id
                 where %2$s
                 group by %1$s
                having sum(s.tickets) >= %3$s""".formatted(segment.groupBy().sql(), bookingConditions(segment, prefix),
                parameter(prefix + "min_tickets", segment.minTickets()));
    }

    /** A booking segment's summary rows: each with the customer it is credited to and its tickets. */
    private Lines bookingLines(Segment.Booking segment, String prefix) {
        return new Lines("""
                select %1$s as customer_id, s.tickets as amount
                  from order_summary s
                  join event_instance ei on ei.id = s.event_instance_id
                 where %2$s""".formatted(segment.groupBy().sql(), bookingConditions(segment, prefix)),
                parameter(prefix + "min_tickets", segment.minTickets()));
    }

    private String bookingConditions(Segment.Booking segment, String prefix) {
        List<String> conditions = new ArrayList<>(List.of("s.tickets > 0"));
        if (segment.period() != null) {
            conditions.add(within("ei.starts_at", segment.period(), prefix));
        }
        if (segment.partnerCompany() != null) {
            conditions.add("ei.event_id in (select epc.event_id from event_partner_company epc"
                    + " where epc.partner_company_id = "
                    + parameter(prefix + "partner", partnerId(segment.partnerCompany()))
                    + ")");
        }
        if (segment.eventIds() != null) {
            conditions.add("ei.event_id in (" + parameter(prefix + "events", segment.eventIds()) + ")");
        }
        return String.join("\n   and ", conditions);
    }

    /**
     * The amounts of the chosen kinds, credited by the segment's grouping, then summed (in cents, as the summary
     * keeps them): a summary row counts when it holds at least one line of a chosen kind, so a customer with no such
     * line is not selected, whatever the amount.
     */
    private String purchasing(Segment.Purchasing segment, String prefix) {
        return """
                select buyer as customer_id
                  from (
                %s
                       ) purchase
                 group by buyer
                having sum(cents) >= %s * 100""".formatted(indent(purchaseLines(segment, prefix), 8),
                parameter(prefix + "min_amount", segment.minAmount()));
    }

    /** A purchasing segment's summary rows: each with the customer it is credited to and its amount in cents. */
    private Lines purchasingLines(Segment.Purchasing segment, String prefix) {
        return new Lines("select buyer as customer_id, cents as amount\n  from "
                + parenthesised(purchaseLines(segment, prefix)) + " purchase",
                parameter(prefix + "min_amount", segment.minAmount()) + " * 100");
    }

    /** The amounts of the chosen kinds, each with the customer it is credited to: {@code buyer, cents}. */
    private String purchaseLines(Segment.Purchasing segment, String prefix) {
        return purchaseLines(segment, prefix, segment.period() == null ? null
                : within("s.confirmed_at", segment.period(), prefix), false);
    }

    /**
     * The lines of the chosen kinds confirmed as {@code confirmed} says (null: at any time), each with the customer it
     * is credited to: {@code buyer, cents}, or with {@code lines} how many lines of the chosen kinds the row holds.
     */
    private String purchaseLines(Segment.Purchasing segment, String prefix, String confirmed, boolean lines) {
        String group = segment.groupBy().sql();
        List<String> rows = new ArrayList<>();
        if (segment.kinds().contains(PurchaseKind.TICKET)) {
            List<String> conditions = new ArrayList<>(List.of("s.tickets > 0"));
            if (segment.partnerCompany() != null) {
                String partner = parameter(prefix + "partner", partnerId(segment.partnerCompany()));
                // Over a month or less, the rows confirmed in it are fewer than the company's rows of all time: read
                // by confirmation time, each kept by the companies the row holds (P-2, as the row-level policy
                // does). Over a longer period, the company's performances' rows are read by performance (V32).
                conditions.add(withinAMonth(segment.period()) ? companysRow(partner)
                        : "s.event_instance_id in (select ei.id from event_instance ei"
                                + " join event_partner_company epc on epc.event_id = ei.event_id"
                                + " where epc.partner_company_id = " + partner + ")");
            }
            rows.add(purchases(group, lines ? "s.tickets" : "s.ticket_cents", conditions, confirmed));
        }
        boolean memberships = segment.kinds().contains(PurchaseKind.MEMBERSHIP);
        boolean donations = segment.kinds().contains(PurchaseKind.DONATION);
        if (memberships || donations) {
            // Both kinds sit on the order's one row without a performance.
            String amount = memberships && donations ? "s.membership_cents + s.donation_cents"
                    : memberships ? "s.membership_cents" : "s.donation_cents";
            if (lines) {
                amount = amount.replace("_cents", "s");
            }
            String held = memberships && donations ? "(s.memberships > 0 or s.donations > 0)"
                    : memberships ? "s.memberships > 0" : "s.donations > 0";
            rows.add(purchases(group, amount, List.of("s.event_instance_id is null", held), confirmed));
        }
        return String.join("\nunion all\n", rows);
    }

    /**
     * Summary row {@code s} is one of the company's (its placeholder): its performance's event is the company's, as
     * the row's companies say (P-2), the same test as the row-level policy's.
     */
    private static String companysRow(String partner) {
        return partner + " = any(s.partner_company_ids)";
    }

    /** Whether a period, resolved for this run, is at most a month long; false for no period (all time). */
    private boolean withinAMonth(PeriodSpec spec) {
        if (spec == null) {
            return false;
        }
        Period period = spec.resolve(context.today());
        return ChronoUnit.DAYS.between(period.from(), period.to()) < 31;
    }

    private static String purchases(String group, String amount, List<String> conditions, String confirmed) {
        List<String> all = new ArrayList<>(conditions);
        if (confirmed != null) {
            all.add(confirmed);
        }
        return "select " + group + " as buyer, " + amount + " as cents\n  from order_summary s\n where "
                + String.join("\n   and ", all);
    }

    /** {@code column} within the period resolved for this run: from its first midnight to the one after it. */
    private String within(String column, PeriodSpec spec, String prefix) {
        List<String> bounds = bounds(spec, prefix);
        return column + " >= " + bounds.get(0) + " and " + column + " < " + bounds.get(1);
    }

    /** {@code column} before, then after, the period resolved for this run, with {@link #within}'s parameters. */
    private List<String> outside(String column, PeriodSpec spec, String prefix) {
        List<String> bounds = bounds(spec, prefix);
        return List.of(column + " < " + bounds.get(0), column + " >= " + bounds.get(1));
    }

    /** The placeholders of the period's first midnight and the one after it, bound for this run. */
    private List<String> bounds(PeriodSpec spec, String prefix) {
        Period period = spec.resolve(context.today());
        return List.of(parameter(prefix + "from", period.start(context.zone()).atOffset(ZoneOffset.UTC)),
                parameter(prefix + "to", period.endExclusive(context.zone()).atOffset(ZoneOffset.UTC)));
    }

    private Long partnerId(PartnerRef partner) {
        return partner.isRun() ? context.runPartnerCompanyId() : partner.id();
    }

    /** Binds a value and returns its placeholder; a segment may use one parameter in several places. */
    private String parameter(String name, Object value) {
        parameters.put(name, value);
        return ":" + name;
    }

    private static String parenthesised(String sql) {
        return "(\n" + indent(sql) + "\n)";
    }

    private static String indent(String sql) {
        return indent(sql, 4);
    }

    private static String indent(String sql, int spaces) {
        String margin = " ".repeat(spaces);
        return sql.lines().map(line -> line.isEmpty() ? line : margin + line).collect(Collectors.joining("\n"));
    }
}
