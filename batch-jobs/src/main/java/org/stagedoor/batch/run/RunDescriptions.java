package org.stagedoor.batch.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.customerlist.CustomerListCompiler;
import org.stagedoor.batch.customerlist.CustomerListDefinition;
import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.batch.customerlist.ListInWords;
import org.stagedoor.batch.customerlist.Segment;
import org.stagedoor.batch.output.FileDescription;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.sharing.ListChanges;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * What a run's file says about itself, read from the run's record alone (its number, the parameters it was given
 * and resolved, the saved report it came from), so that every attempt of the run writes the same words: the
 * parameters under the labels of the catalogue, a period by its name and its dates, a customer list's definition
 * in sentences ({@link ListInWords}).
 */
@Component
class RunDescriptions {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final JdbcClient jdbc;

    private final CustomerListCompiler lists;

    private final VenueProperties venue;

    private final ReportSettings settings;

    private final PartnerCompanies companies;

    RunDescriptions(JdbcClient jdbc, CustomerListCompiler lists, VenueProperties venue, ReportSettings settings,
            PartnerCompanies companies) {
        this.jdbc = jdbc;
        this.companies = companies;
        this.lists = lists;
        this.venue = venue;
        this.settings = settings;
    }

    FileDescription describe(ReportRun run, ReportDefinition report) {
        return describe(run, report, null);
    }

    /** With {@code plan}, for a run of a schedule that sends changes, a first line saying what the file holds. */
    FileDescription describe(ReportRun run, ReportDefinition report, ListChanges.Plan plan) {
        String partner = run.partnerCompanyId() == null ? null : partnerCompany(run.partnerCompanyId());
        List<FileDescription.Line> details = new ArrayList<>();
        if (plan != null) {
            details.add(new FileDescription.Line("Sent", plan.words(venue.timeZone())));
        }
        details.addAll(details(run, report, partner));
        return new FileDescription(report.title(), run.id(), partner, details, run.cutoffAt(),
                venue.timeZone(), report.personalData(), settings.csvByteOrderMark(), report.sheetsBy());
    }

    private List<FileDescription.Line> details(ReportRun run, ReportDefinition report, String partner) {
        List<FileDescription.Line> lines = new ArrayList<>();
        if (run.saved() != null) {
            savedReport(run.saved(), report).ifPresent(lines::add);
        }
        Map<String, String> resolved = run.parametersResolved();
        for (ParameterDefinition parameter : report.parameters()) {
            String value = resolved.getOrDefault(parameter.name(), parameter.defaultValue());
            if (value == null) {
                continue;
            }
            switch (parameter.type()) {
                case PERIOD -> lines.add(new FileDescription.Line(parameter.label(),
                        period(value, RunParameters.period(resolved, parameter.name()))));
                case COLUMNS -> lines.add(new FileDescription.Line(parameter.label(),
                        columns(RunParameters.split(value))));
                case CUSTOMER_LIST -> list(lines, parameter, value, run, partner);
            }
        }
        String notBefore = resolved.get(RunParameters.CONSENT_NOT_BEFORE);
        if (notBefore != null) {
            LocalDate day = Instant.parse(notBefore).atZone(venue.timeZone()).toLocalDate();
            lines.add(new FileDescription.Line("Consent", "Only a yes given on or after " + DAY.format(day)
                    + " counts; an older one no longer does"));
        }
        lines.add(new FileDescription.Line("Format", run.format() == OutputFormat.XLSX ? "Excel workbook (XLSX)"
                : "CSV (comma-separated text, UTF-8)"));
        return lines;
    }

    /** What a person calls a run's file: the name of the saved report or list it ran, else the report's title. */
    String title(ReportRun run, ReportDefinition report) {
        return run.saved() == null ? report.title() : savedName(run.saved()).orElse(report.title());
    }

    /** The venue's standard definitions are the reports themselves: only a named one is worth a line. */
    private Optional<FileDescription.Line> savedReport(SavedRef saved, ReportDefinition report) {
        return savedName(saved).map(name -> new FileDescription.Line(report.isCustomerList() ? "Saved list"
                : "Saved report", name + " (version " + saved.version() + ")"));
    }

    private Optional<String> savedName(SavedRef saved) {
        return jdbc.sql("""
                select v.name from saved_report s
                  join saved_report_version v on v.saved_report_id = s.id
                 where s.id = :id and v.version = :version and not s.standard
                """).param("id", saved.id()).param("version", saved.version()).query(String.class).optional();
    }

    /** "Previous week: Monday 5 October to Sunday 11 October 2026", or the dates alone for dates chosen. */
    static String period(String spec, Period period) {
        PeriodSpec parsed = PeriodSpec.parse(spec);
        if (period == null) {
            return parsed.words() == null ? spec : parsed.words();
        }
        return parsed.words() == null ? period.inWords() : parsed.words() + ": " + period.inWords();
    }

    private static String columns(List<String> names) {
        return String.join(", ", names.stream()
                .map(name -> ListColumn.named(name).map(column -> column.column().name()).orElse(name)).toList());
    }

    private void list(List<FileDescription.Line> lines, ParameterDefinition parameter, String json, ReportRun run,
            String partner) {
        CustomerListDefinition definition = lists.parse(json);
        lines.add(new FileDescription.Line(parameter.label(), definition.name()));
        LocalDate today = run.cutoffAt().atZone(venue.timeZone()).toLocalDate();
        Map<Long, String> events = events(definition);
        List<String> sentences = new ListInWords(partner, this::partnerCompany,
                id -> events.getOrDefault(id, "an event that no longer exists"), today).lines(definition);
        for (int i = 0; i < sentences.size(); i++) {
            lines.add(new FileDescription.Line(i == 0 ? "Who is on it" : "", sentences.get(i)));
        }
        lines.add(new FileDescription.Line("Columns", columns(definition.columns())));
    }

    private String partnerCompany(long id) {
        return companies.name(id).orElse("a partner company that no longer exists");
    }

    /** The names of the events the list's segments name, read at once: a segment may name a thousand. */
    private Map<Long, String> events(CustomerListDefinition definition) {
        Set<Long> ids = new TreeSet<>();
        definition.segments().forEach(segment -> {
            if (segment instanceof Segment.Booking booking && booking.eventIds() != null) {
                ids.addAll(booking.eventIds());
            }
        });
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, name from event where id in (:ids)").param("ids", ids)
                    .query((rs, row) -> names.put(rs.getLong("id"), rs.getString("name"))).list();
        }
        return names;
    }
}
