package org.stagedoor.batch.run;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.customerlist.CustomerListCompiler;
import org.stagedoor.batch.customerlist.CustomerListDefinition;
import org.stagedoor.batch.customerlist.ListContext;
import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.batch.report.Audience;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.sharing.SharedColumns;
import org.stagedoor.batch.sharing.SharingSettings;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * Whether a run request can be accepted, and what it resolves to: the report exists, the partner company fits its
 * audience, every parameter is known and valid (periods within the longest allowed, a customer list that compiles
 * for the company), the columns are within the company's data-sharing agreement, and the consent cut-off the
 * sharing settings ask for. It records nothing; {@link ReportLauncher} records and runs what it accepts, and a
 * count or a saved definition's editor checks the same way without running.
 */
@Component
public class RunRequestCheck {

    private final ReportCatalogue catalogue;

    private final CustomerListCompiler lists;

    private final JdbcClient jdbc;

    private final VenueProperties venue;

    private final ReportSettings settings;

    private final SharingSettings sharing;

    private final SharedColumns sharedColumns;

    private final Clock clock;

    RunRequestCheck(ReportCatalogue catalogue, CustomerListCompiler lists, JdbcClient jdbc, VenueProperties venue,
            ReportSettings settings, SharingSettings sharing, SharedColumns sharedColumns, Clock clock) {
        this.catalogue = catalogue;
        this.lists = lists;
        this.jdbc = jdbc;
        this.venue = venue;
        this.settings = settings;
        this.sharing = sharing;
        this.sharedColumns = sharedColumns;
        this.clock = clock;
    }

    /**
     * Checks a request as of now, recording nothing.
     *
     * @throws InvalidRequestException naming every problem, when it cannot be accepted
     */
    public CheckedRequest check(RunRequest request) {
        Instant cutoff = clock.instant();
        return new CheckedRequest(request, resolve(request, cutoff), cutoff);
    }

    /** The request's parameters resolved as of {@code cutoff}; every problem named when it cannot be accepted. */
    Map<String, String> resolve(RunRequest request, Instant cutoff) {
        List<FieldError> errors = new ArrayList<>();
        ReportDefinition report = request.reportId() == null ? null : catalogue.find(request.reportId()).orElse(null);
        // People read reports by title, never by id; the API lists the reports a client may name.
        if (request.reportId() == null || request.reportId().isBlank()) {
            errors.add(new FieldError("report", "choose a report"));
        }
        else if (report == null) {
            errors.add(new FieldError("report", "is not a known report"));
        }
        if (request.format() == null) {
            errors.add(new FieldError("format", "choose csv or xlsx"));
        }
        if (request.requestedBy() == null || request.requestedBy().isBlank()) {
            errors.add(new FieldError("requestedBy", "say who asks for the run"));
        }
        Long partner = request.partnerCompanyId();
        if (partner != null && jdbc.sql("select count(*) from partner_company where id = :id").param("id", partner)
                .query(Integer.class).single() == 0) {
            errors.add(new FieldError("partner", "no partner company has this id"));
        }
        if (report == null) {
            throw new InvalidRequestException(errors);
        }
        if (report.audience() == Audience.VENUE && partner != null) {
            errors.add(new FieldError("partner", "\"" + report.title()
                    + "\" is for the venue only and cannot be run for a partner company"));
        }
        if (report.audience() == Audience.PARTNER && partner == null) {
            errors.add(new FieldError("partner", "\"" + report.title() + "\" runs for one partner company: name it"));
        }
        // A personal-data export for a partner company: its data-sharing agreement limits the columns.
        Set<String> allowed = report.personalData() && partner != null && errors.isEmpty()
                ? sharedColumns(partner) : null;
        Map<String, String> resolved = new LinkedHashMap<>();
        List<String> known = report.parameters().stream().map(ParameterDefinition::name).toList();
        // Under "parameters": the name of a parameter the report does not have is the client's text.
        if (!known.containsAll(request.parameters().keySet())) {
            errors.add(new FieldError(RunRequest.PARAMETERS, "names a setting \"" + report.title() + "\" does not"
                    + " have" + (known.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", known))));
        }
        LocalDate today = cutoff.atZone(venue.timeZone()).toLocalDate();
        for (ParameterDefinition parameter : report.parameters()) {
            String value = request.parameters().getOrDefault(parameter.name(), parameter.defaultValue());
            if (value == null || value.isBlank()) {
                if (parameter.required()) {
                    errors.add(new FieldError(parameter.name(), "is required"));
                }
                continue;
            }
            try {
                resolveParameter(report, parameter, value.trim(), partner, allowed, today, resolved, errors);
            }
            catch (InvalidRequestException ex) {
                errors.addAll(ex.errors());
            }
        }
        if (allowed != null && report.id().equals(ReportCatalogue.OPTIN_LIST)
                && !resolved.containsKey(RunParameters.COLUMNS)) {
            List<String> columns = ReportCatalogue.OPTIN_LIST_COLUMNS.stream().filter(allowed::contains).toList();
            if (columns.isEmpty()) {
                errors.add(new FieldError(RunParameters.COLUMNS, "the partner company's data-sharing agreement allows"
                        + " none of this report's columns (" + String.join(", ", ReportCatalogue.OPTIN_LIST_COLUMNS)
                        + ")"));
            }
            resolved.put(RunParameters.COLUMNS, String.join(",", columns));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (allowed != null && sharing.consentMaxAge() != null) {
            // Kept with the run, so a restart, or a run recorded before the setting changed, reads the same.
            resolved.put(RunParameters.CONSENT_NOT_BEFORE,
                    cutoff.atZone(venue.timeZone()).minus(sharing.consentMaxAge()).toInstant().toString());
        }
        return resolved;
    }

    /** The columns the partner company's data-sharing agreement allows (customer-list column names). */
    private Set<String> sharedColumns(long partner) {
        return new LinkedHashSet<>(sharedColumns.namesOf(partner));
    }

    private static void requireAllowed(String field, List<String> columns, Set<String> allowed,
            List<FieldError> errors) {
        List<String> refused = columns.stream().filter(column -> !allowed.contains(column)).toList();
        if (!refused.isEmpty()) {
            errors.add(new FieldError(field, (refused.size() == 1 ? "column " : "columns ") + String.join(", ", refused)
                    + (refused.size() == 1 ? " is" : " are") + " not in the partner company's data-sharing agreement;"
                    + " it allows " + (allowed.isEmpty() ? "none" : String.join(", ", allowed))));
        }
    }

    private void resolveParameter(ReportDefinition report, ParameterDefinition parameter, String value, Long partner,
            Set<String> allowed, LocalDate today, Map<String, String> resolved, List<FieldError> errors) {
        if (parameter.type() == ParameterType.COLUMNS) {
            List<String> columns = RunParameters.split(value);
            List<String> offered = report.columns().stream().map(Column::field).toList();
            List<String> unknown = columns.stream().filter(column -> !offered.contains(column)).toList();
            if (columns.isEmpty() || !unknown.isEmpty() || columns.size() != Set.copyOf(columns).size()) {
                errors.add(new FieldError(parameter.name(), (unknown.isEmpty() ? "name each column once"
                        : "names a column this report does not have") + "; choose from " + String.join(", ", offered)));
                return;
            }
            if (allowed != null) {
                requireAllowed(parameter.name(), columns, allowed, errors);
            }
            resolved.put(parameter.name(), String.join(",", columns));
        }
        else if (parameter.type() == ParameterType.PERIOD) {
            Period period = PeriodSpec.parse(parameter.name(), value).resolve(today);
            if (period.days() > settings.maxPeriodDays()) {
                errors.add(new FieldError(parameter.name(), "covers " + period.days() + " days; the longest allowed is "
                        + settings.maxPeriodDays()));
                return;
            }
            RunParameters.putPeriod(resolved, parameter.name(), value, period);
        }
        else {
            // Compiling checks the whole definition, including its binding to the run's partner company.
            try {
                CustomerListDefinition definition = lists.parse(value);
                lists.compile(definition, new ListContext(partner, today, venue.timeZone()));
                if (allowed != null) {
                    requireAllowed(parameter.name() + ".columns", definition.columns(), allowed, errors);
                }
            }
            catch (InvalidRequestException ex) {
                ex.errors().forEach(error -> errors.add(new FieldError(error.field().equals("definition")
                        ? parameter.name() : parameter.name() + "." + error.field(), error.message())));
                return;
            }
            resolved.put(parameter.name(), value);
        }
    }
}
