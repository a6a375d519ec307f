package org.stagedoor.find;

import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

import org.stagedoor.audit.AuditLog;

/**
 * The audit entries a person asked to see, as the query string carries them: of a run of a report, of a company,
 * of a kind, part of who acted, days from and to (inclusive, on the venue's calendar); {@code before} or
 * {@code after} name the entry the page continues from. The page, its CSV export and the API bind the same names.
 */
public record AuditFilter(String report, String company, AuditLog.Kind kind, String person,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Long before, Long after) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null, null, null);
    }

    public Long companyId() {
        return Filters.id(company);
    }

    /** The audit log's query, the days taken on the venue's calendar. */
    public AuditLog.Query query(ZoneId zone) {
        return new AuditLog.Query(report, companyId(), kind, person, Filters.startOf(from, zone),
                Filters.startOf(to == null ? null : to.plusDays(1), zone));
    }

    public boolean narrowed() {
        return Filters.given(report) || Filters.given(company) || kind != null || Filters.given(person)
                || from != null || to != null;
    }

    /** This list's address (page or export) with the same filters, continuing before or after an entry. */
    public String link(String path, String cursor, Long entryId) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        Filters.add(uri, "report", report);
        Filters.add(uri, "company", company);
        Filters.add(uri, "kind", kind == null ? null : kind.name());
        Filters.add(uri, "person", person);
        Filters.add(uri, "from", from == null ? null : from.toString());
        Filters.add(uri, "to", to == null ? null : to.toString());
        if (cursor != null && entryId != null) {
            uri.queryParam(cursor, entryId);
        }
        return uri.build(true).toUriString();
    }
}
