package org.stagedoor.batch.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.customerlist.CompiledList;
import org.stagedoor.batch.customerlist.CustomerListCompiler;
import org.stagedoor.batch.customerlist.CustomerListDefinition;
import org.stagedoor.batch.customerlist.ListContext;
import org.stagedoor.batch.customerlist.Segment;
import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.sharing.ListChanges;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * Builds the statement of a run from its record alone (report, partner company, resolved parameters,
 * cut-off), so that a restarted run, possibly on another node, reads exactly what the first attempt read.
 */
@Component
public class RunQueries {

    private final ReportCatalogue catalogue;

    private final CustomerListCompiler lists;

    private final VenueProperties venue;

    RunQueries(ReportCatalogue catalogue, CustomerListCompiler lists, VenueProperties venue) {
        this.catalogue = catalogue;
        this.lists = lists;
        this.venue = venue;
    }

    public ReportQuery forRun(ReportRun run) {
        return forRun(run, null, null);
    }

    /**
     * The run's statement; for a run of a schedule that sends changes ({@code plan} with a base), the changes against
     * the customers {@code held} after the base run ({@link ListDelta}).
     */
    ReportQuery forRun(ReportRun run, ListChanges.Plan plan, long[] held) {
        ReportDefinition report = catalogue.find(run.reportId())
                .orElseThrow(() -> new IllegalStateException("Run " + run.id() + " names an unknown report "
                        + run.reportId()));
        if (report.isCustomerList() || report.id().equals(ReportCatalogue.OPTIN_LIST)) {
            CustomerListDefinition definition = report.isCustomerList()
                    ? lists.parse(run.parametersResolved().get("list"))
                    // The opted-in list: customers with an email address, under the run's consent rules.
                    : new CustomerListDefinition(report.title(), List.of(new Segment.HasEmail(null, true)),
                            RunParameters.columns(run.parametersResolved()));
            String notBefore = run.parametersResolved().get(RunParameters.CONSENT_NOT_BEFORE);
            CompiledList list = lists.compile(definition, new ListContext(run.partnerCompanyId(),
                    cutoffDate(run.cutoffAt()), venue.timeZone(), run.cutoffAt(),
                    notBefore == null ? null : Instant.parse(notBefore)));
            ReportQuery query = new ReportQuery(list.sql(), list.parameters(), list.columns(),
                    run.partnerCompanyId(), list.ledger(), null);
            if (plan == null || !plan.changes() || !list.ledger()) {
                return query;
            }
            return ListDelta.changes(query, held, ListDelta.needsEmail(definition.segments()), run,
                    plan.baseCutoffAt(), notBefore == null ? null : Instant.parse(notBefore));
        }
        Map<String, Object> parameters = new HashMap<>();
        // Partner reports bind the run's partner company, never a parameter someone typed.
        parameters.put("partner", run.partnerCompanyId());
        parameters.put("cutoff", utc(run.cutoffAt()));
        parameters.put("zone", venue.timeZone().getId());
        Period period = RunParameters.period(run.parametersResolved(), ReportCatalogue.PERIOD_PARAMETER);
        if (period != null) {
            parameters.put("periodStart", utc(period.start(venue.timeZone())));
            parameters.put("periodEnd", utc(period.endExclusive(venue.timeZone())));
        }
        return new ReportQuery(report.sql(), parameters, report.columns(), run.partnerCompanyId(), false,
                report.smallCells());
    }

    LocalDate cutoffDate(Instant cutoff) {
        return cutoff.atZone(venue.timeZone()).toLocalDate();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
