package org.stagedoor.find;

import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

import org.stagedoor.batch.run.RunQuery;
import org.stagedoor.batch.run.RunStatus;

/**
 * The runs a person asked to see, as the query string carries them: a report, a company ({@code venue} for the
 * venue's own), a status, part of who asked, and days from and to (inclusive, on the venue's calendar); with
 * {@code before} or {@code after} naming the run the page continues from. Pages and APIs bind the same names.
 */
public record RunFilter(String report, String company, RunStatus status, String person,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Long before, Long after) {

    /** The company's value that asks for the venue's own runs. */
    public static final String VENUE = "venue";

    public static RunFilter none() {
        return new RunFilter(null, null, null, null, null, null, null, null);
    }

    /** The store's query; {@code onlyCompany}, when given, overrides the company asked (a partner sees its own). */
    public RunQuery query(Long onlyCompany, ZoneId zone) {
        Long chosen = onlyCompany != null ? onlyCompany : companyId();
        return new RunQuery(chosen, onlyCompany == null && VENUE.equals(company), report, status, person,
                Filters.startOf(from, zone), Filters.startOf(to == null ? null : to.plusDays(1), zone));
    }

    /** The chosen company's id, or null for any (or for the venue's own). */
    public Long companyId() {
        return Filters.id(company);
    }

    /** Whether anything narrows the list. */
    public boolean narrowed() {
        return Filters.given(report) || Filters.given(company) || status != null || Filters.given(person)
                || from != null || to != null;
    }

    /** This page's address with the same filters, continuing before or after a run (or from the newest). */
    public String link(String path, String cursor, Long runId) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        Filters.add(uri, "report", report);
        Filters.add(uri, "company", company);
        Filters.add(uri, "status", status == null ? null : status.name());
        Filters.add(uri, "person", person);
        Filters.add(uri, "from", from == null ? null : from.toString());
        Filters.add(uri, "to", to == null ? null : to.toString());
        if (cursor != null && runId != null) {
            uri.queryParam(cursor, runId);
        }
        return uri.build(true).toUriString();
    }
}
