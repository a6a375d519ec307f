package org.stagedoor.batch.customerlist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.booking.preference.PreferenceState;

/**
 * A customer list's definition as sentences a marketing assistant reads on a file's About sheet: one numbered line
 * per segment, in the words of the list builder ("and also", "or", "but not"; "counting the person who booked"), with
 * the partner companies and events by name and the periods by their dates on the day of the run. No field name, enum
 * name or rule code appears.
 */
public final class ListInWords {

    private final String runPartnerCompany;

    private final LongFunction<String> partnerCompanies;

    private final LongFunction<String> events;

    private final LocalDate today;

    /**
     * @param runPartnerCompany the name of the partner company the list runs for; null for a run for the venue
     * @param partnerCompanies  a partner company's name by its id
     * @param events            an event's name by its id
     * @param today             the day of the run in the venue's time zone, on which relative periods are resolved
     */
    public ListInWords(String runPartnerCompany, LongFunction<String> partnerCompanies, LongFunction<String> events,
            LocalDate today) {
        this.runPartnerCompany = runPartnerCompany;
        this.partnerCompanies = partnerCompanies;
        this.events = events;
        this.today = today;
    }

    /** The lines: each segment, then how they combine and, for a partner company, whom the list can hold. */
    public List<String> lines(CustomerListDefinition definition) {
        List<String> lines = new ArrayList<>();
        List<Segment> segments = definition.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            String sentence = sentence(segment);
            lines.add((i + 1) + ". "
                    + (i == 0 ? capitalised(sentence) : operator(segment.operator()) + " " + sentence));
        }
        if (segments.size() > 1) {
            lines.add("Each line is taken with the result of the lines above it.");
        }
        if (runPartnerCompany != null) {
            lines.add("Whatever the lines say, only customers who had said yes to hearing from " + runPartnerCompany
                    + " when the list was made are on it.");
        }
        return lines;
    }

    private static String operator(SetOperator operator) {
        return switch (operator) {
            case AND -> "and also";
            case OR -> "or";
            case EXCEPT -> "but not";
        };
    }

    private String sentence(Segment segment) {
        if (segment instanceof Segment.HasEmail hasEmail) {
            return hasEmail.value() ? "customers with an email address" : "customers without an email address";
        }
        if (segment instanceof Segment.PartnerPreference preference) {
            return "customers whose contact preference for " + company(preference.partnerCompany()) + " is "
                    + either(preference.states().stream().sorted()
                            .map(state -> state.words().toLowerCase(Locale.ROOT)).toList())
                    + (preference.states().contains(PreferenceState.NOT_ASKED)
                            ? " (customers never asked count as not asked)" : "");
        }
        if (segment instanceof Segment.Booking booking) {
            return "customers with at least " + booking.minTickets()
                    + (booking.minTickets() == 1 ? " ticket" : " tickets")
                    + " (not returned) for performances of " + eventsOf(booking) + " " + period(booking.period())
                    + ", counting " + (booking.groupBy() == GroupBy.OWNER ? "the person the tickets are for"
                            : "the person who booked");
        }
        Segment.Purchasing purchasing = (Segment.Purchasing) segment;
        BigDecimal amount = purchasing.minAmount() == null ? BigDecimal.ZERO : purchasing.minAmount();
        String what = either(purchasing.kinds().stream().sorted().map(kind -> kind(kind, purchasing)).toList());
        return (amount.signum() > 0 ? "customers who spent at least " + money(amount) + " on "
                        : "customers who bought ")
                + what + " in orders confirmed " + period(purchasing.period()) + ", counting "
                + (purchasing.groupBy() == GroupBy.OWNER ? "the person the order is for"
                        : "the person who made the order");
    }

    private String kind(PurchaseKind kind, Segment.Purchasing purchasing) {
        return switch (kind) {
            case TICKET -> purchasing.partnerCompany() == null ? "tickets"
                    : "tickets for events of " + company(purchasing.partnerCompany());
            case MEMBERSHIP -> "memberships";
            case DONATION -> "donations";
        };
    }

    private String eventsOf(Segment.Booking booking) {
        if (booking.eventIds() != null) {
            return either(booking.eventIds().stream().map(events::apply).toList());
        }
        return booking.partnerCompany() == null ? "any event" : "any event of " + company(booking.partnerCompany());
    }

    private String company(PartnerRef partner) {
        if (partner.isRun()) {
            return runPartnerCompany == null ? "the company the list is made for" : runPartnerCompany;
        }
        return partnerCompanies.apply(partner.id());
    }

    private String period(PeriodSpec spec) {
        if (spec == null) {
            return "at any time";
        }
        Period period = spec.resolve(today);
        String words = spec.words();
        if (words == null) {
            return (period.days() == 1 ? "on " : "from ") + period.inWords();
        }
        return "in the " + words.toLowerCase(Locale.ROOT) + " (" + period.label() + ")";
    }

    private static String money(BigDecimal amount) {
        NumberFormat pounds = NumberFormat.getNumberInstance(Locale.UK);
        pounds.setMinimumFractionDigits(2);
        pounds.setMaximumFractionDigits(2);
        return "£" + pounds.format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** "A", "A or B", "A, B or C". */
    private static String either(Collection<String> words) {
        List<String> list = List.copyOf(words);
        if (list.size() <= 1) {
            return list.isEmpty() ? "" : list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static String capitalised(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
