package org.stagedoor.batch.customerlist;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.stagedoor.booking.preference.PreferenceState;

/**
 * The rules of a definition, by field path: those of the definition alone ({@link #structure}), and
 * those of a run for the venue or for one partner company ({@link #forRun}, R-1).
 */
final class DefinitionCheck {

    static final int MAX_SEGMENTS = 50;

    static final int MAX_NAME_LENGTH = 200;

    static final int MAX_EVENT_IDS = 1_000;

    static final int MAX_TICKETS = 100_000;

    /** Amounts are below this, in the venue's currency, with at most {@link #AMOUNT_DECIMALS} decimal places. */
    static final BigDecimal AMOUNT_LIMIT = new BigDecimal("1000000000");

    static final int AMOUNT_DECIMALS = 2;

    private DefinitionCheck() {
    }

    static void structure(CustomerListDefinition definition, Problems problems) {
        structure(definition.name(), definition.segments(), definition.columns(), problems);
    }

    /**
     * The rules of the definition alone. While reading JSON, a segment or column that could not be
     * read at all is a null here, so that the others keep the index of their field path.
     */
    static void structure(String name, List<Segment> segments, List<String> columns, Problems problems) {
        if (name == null || name.isBlank()) {
            problems.add("name", "is required");
        }
        else if (name.length() > MAX_NAME_LENGTH) {
            problems.add("name", "is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (segments.isEmpty()) {
            problems.add("segments", "at least one segment is required");
        }
        else if (segments.size() > MAX_SEGMENTS) {
            problems.addForWhole("segments", "at most " + MAX_SEGMENTS + " segments, not " + segments.size());
        }
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) != null) {
                segment(segments.get(i), i, problems);
            }
        }
        columns(columns, problems);
    }

    static void forRun(CustomerListDefinition definition, ListContext context, Problems problems) {
        List<Segment> segments = definition.segments();
        for (int i = 0; i < segments.size(); i++) {
            String field = "segments[" + i + "].partnerCompany";
            Segment segment = segments.get(i);
            PartnerRef partner = partnerOf(segment);
            if (partner == null) {
                if (context.partnerRun() && !(segment instanceof Segment.HasEmail)) {
                    problems.add(field, "is required in a run for a partner company, which covers only that company's"
                            + " events: use \"run\"");
                }
            }
            else if (!context.partnerRun() && partner.isRun()) {
                problems.add(field, "\"run\" stands for the partner company a list runs for, and this run is for the"
                        + " venue: give a partner company's id");
            }
            else if (context.partnerRun() && !partner.isRun() && !partner.id().equals(context.runPartnerCompanyId())) {
                problems.add(field, "a list run for a partner company cannot select on another partner company:"
                        + " use \"run\"");
            }
            // Memberships and donations are the venue's business, not the partner's events.
            if (context.partnerRun() && segment instanceof Segment.Purchasing purchasing
                    && !purchasing.kinds().equals(Set.of(PurchaseKind.TICKET))) {
                problems.add("segments[" + i + "].kinds", "a list run for a partner company can select on ticket"
                        + " purchases for its events only, not memberships or donations");
            }
        }
        if (!context.partnerRun()) {
            List<String> columns = definition.columns();
            for (int i = 0; i < columns.size(); i++) {
                Optional<ListColumn> column = ListColumn.named(columns.get(i));
                if (column.isPresent() && column.get().partnerRunOnly()) {
                    problems.add("columns[" + i + "]", columns.get(i) + " is the preference for the partner company a"
                            + " list runs for, and this run is for the venue");
                }
            }
        }
    }

    /** The partner company a segment names, if it names one. */
    static PartnerRef partnerOf(Segment segment) {
        if (segment instanceof Segment.PartnerPreference preference) {
            return preference.partnerCompany();
        }
        if (segment instanceof Segment.Booking booking) {
            return booking.partnerCompany();
        }
        if (segment instanceof Segment.Purchasing purchasing) {
            return purchasing.partnerCompany();
        }
        return null;
    }

    private static void segment(Segment segment, int index, Problems problems) {
        String path = "segments[" + index + "]";
        if (index == 0 && segment.operator() != null) {
            problems.add(path + ".operator", "the first segment starts the list and has no operator");
        }
        else if (index > 0 && segment.operator() == null) {
            problems.add(path + ".operator", "is required after the first segment: AND, OR or EXCEPT");
        }
        PartnerRef partner = partnerOf(segment);
        if (partner != null && !partner.isRun() && partner.id() < 1) {
            problems.add(path + ".partnerCompany", "must be a partner company's id, a whole number from 1");
        }
        if (segment instanceof Segment.PartnerPreference preference) {
            if (partner == null) {
                problems.add(path + ".partnerCompany", "is required: a partner company's id or \"run\"");
            }
            if (preference.states().isEmpty()) {
                problems.add(path + ".states", "choose at least one of "
                        + DefinitionReader.or(Arrays.stream(PreferenceState.values()).map(Enum::name)));
            }
        }
        else if (segment instanceof Segment.Booking booking) {
            groupBy(booking.groupBy(), path, problems);
            if (booking.eventIds() != null) {
                if (booking.eventIds().isEmpty()) {
                    problems.add(path + ".eventIds", "lists no event; leave it out to count every event");
                }
                else if (booking.eventIds().size() > MAX_EVENT_IDS) {
                    problems.addForWhole(path + ".eventIds", "lists more than " + MAX_EVENT_IDS + " events");
                }
                for (int i = 0; i < booking.eventIds().size(); i++) {
                    if (booking.eventIds().get(i) < 1) {
                        problems.add(path + ".eventIds[" + i + "]", "must be an event id, a whole number from 1");
                    }
                }
            }
            if (booking.minTickets() < 1 || booking.minTickets() > MAX_TICKETS) {
                problems.add(path + ".minTickets", "must be a whole number from 1 to 100,000");
            }
        }
        else if (segment instanceof Segment.Purchasing purchasing) {
            groupBy(purchasing.groupBy(), path, problems);
            if (purchasing.kinds().isEmpty()) {
                problems.add(path + ".kinds", "choose at least one of "
                        + DefinitionReader.or(Arrays.stream(PurchaseKind.values()).map(Enum::name)));
            }
            amount(purchasing.minAmount(), path + ".minAmount", problems);
        }
    }

    /**
     * An amount of money. Its size is judged from its precision and scale before any arithmetic: 1e999999999 is a
     * small object whose plain digits would fill the memory.
     */
    private static void amount(BigDecimal amount, String field, Problems problems) {
        if (amount == null) {
            problems.add(field, "is required");
        }
        else if (amount.signum() < 0) {
            problems.add(field, "cannot be negative");
        }
        else if (amount.compareTo(AMOUNT_LIMIT) >= 0) {
            problems.add(field, "must be less than 1,000,000,000");
        }
        else if (amount.stripTrailingZeros().scale() > AMOUNT_DECIMALS) {
            problems.add(field, "can have at most 2 decimal places");
        }
    }

    private static void groupBy(GroupBy groupBy, String path, Problems problems) {
        if (groupBy == null) {
            problems.add(path + ".groupBy",
                    "is required: whom the orders are counted for, their owner or the person who made them");
        }
    }

    private static void columns(List<String> columns, Problems problems) {
        String known = DefinitionReader.or(Arrays.stream(ListColumn.values()).map(ListColumn::columnName));
        if (columns.isEmpty()) {
            problems.add("columns", "choose at least one of " + known);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            if (name == null) {
                continue;
            }
            if (ListColumn.named(name).isEmpty()) {
                problems.add("columns[" + i + "]", "is not a known column; use " + known);
            }
            else if (!seen.add(name)) {
                problems.add("columns[" + i + "]", name + " is chosen twice");
            }
        }
    }
}
