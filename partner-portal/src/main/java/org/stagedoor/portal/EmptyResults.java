package org.stagedoor.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.report.Audience;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunParameters;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * Why a finished run has no rows, in a sentence that helps ("None of your performances fall between 1 and 30
 * November 2026; your next one is on 12 December 2026."): for a partner company its own performances, for the venue
 * all of them. Said by the run's page and the API alike.
 */
@Component
public class EmptyResults {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    private final JdbcClient jdbc;

    private final VenueProperties venue;

    private final Clock clock;

    EmptyResults(JdbcClient jdbc, VenueProperties venue, Clock clock) {
        this.jdbc = jdbc;
        this.venue = venue;
        this.clock = clock;
    }

    /** The sentence for a run that completed with no rows; null for any other run. */
    public String of(ReportRun run, ReportDefinition report) {
        boolean done = run.status() == RunStatus.COMPLETED || run.status() == RunStatus.EXPIRED;
        if (!done || run.rowCount() == null || run.rowCount() != 0) {
            return null;
        }
        Period period = period(run);
        if (report != null && report.id().equals(ReportCatalogue.OPTIN_LIST)) {
            return "No customer had said yes to hearing from your company, with an email address, when the list was"
                    + " made.";
        }
        if (period == null) {
            return "No customer matched the list when it ran.";
        }
        if (report != null && report.audience() == Audience.VENUE) {
            // The venue's reports take orders confirmed in the period, not performances.
            return "No orders were confirmed " + between(period) + ".";
        }
        return performances(run, period);
    }

    private String performances(ReportRun run, Period period) {
        Long partner = run.partnerCompanyId();
        String whose = partner == null ? "the venue's" : "your";
        Instant start = period.start(venue.timeZone());
        Instant end = period.endExclusive(venue.timeZone());
        Counted counted = jdbc.sql("""
                select count(*) filter (where ei.starts_at >= :start and ei.starts_at < :end) as inside,
                       min(ei.starts_at) filter (where ei.starts_at >= :end) as next_after,
                       max(ei.starts_at) filter (where ei.starts_at < :start) as last_before
                  from event_instance ei
                 where cast(:partner as bigint) is null
                    or exists (select 1 from event_partner_company epc
                                where epc.event_id = ei.event_id and epc.partner_company_id = :partner)
                """)
                .param("start", Timestamp.from(start)).param("end", Timestamp.from(end)).param("partner", partner)
                .query((rs, row) -> new Counted(rs.getLong("inside"), instant(rs.getTimestamp("next_after")),
                        instant(rs.getTimestamp("last_before"))))
                .single();
        if (counted.inside() > 0) {
            String some = counted.inside() == 1 ? "One of " + whose + " performances falls "
                    : String.format(Locale.ENGLISH, "%,d of %s performances fall ", counted.inside(), whose);
            return some + between(period) + ", but " + (counted.inside() == 1 ? "it" : "they")
                    + " had nothing for this report when it ran: no tickets sold yet, or groups too small to show.";
        }
        String none = "None of " + whose + " performances fall " + between(period);
        LocalDate today = LocalDate.now(clock.withZone(venue.timeZone()));
        if (counted.nextAfter() != null) {
            LocalDate next = day(counted.nextAfter());
            return none + (next.isBefore(today) ? "; the first one after that was on " : "; " + (partner == null
                    ? "the" : "your") + " next one is on ") + DAY.format(next) + ".";
        }
        if (counted.lastBefore() != null) {
            LocalDate last = day(counted.lastBefore());
            return none + "; " + (partner == null ? "the" : "your") + (last.isBefore(today) ? " most recent one was on "
                    : " last one is on ") + DAY.format(last) + ", and none is planned after it.";
        }
        return partner == null ? "The venue has no performances yet."
                : "Your company has no performances at the venue yet: the venue links its events to your company.";
    }

    /** "between 1 and 30 November 2026", "between 28 October and 3 November 2026", "on 1 November 2026". */
    static String between(Period period) {
        LocalDate from = period.from();
        LocalDate to = period.to();
        if (from.equals(to)) {
            return "on " + DAY.format(from);
        }
        String first = from.getYear() != to.getYear() ? DAY.format(from)
                : from.getMonth() != to.getMonth() ? DAY_MONTH.format(from) : String.valueOf(from.getDayOfMonth());
        return "between " + first + " and " + DAY.format(to);
    }

    private static Period period(ReportRun run) {
        return RunParameters.period(run.parametersResolved(), ReportCatalogue.PERIOD_PARAMETER);
    }

    private LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, venue.timeZone());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Counted(long inside, Instant nextAfter, Instant lastBefore) {
    }
}
