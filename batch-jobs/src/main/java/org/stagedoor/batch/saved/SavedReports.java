package org.stagedoor.batch.saved;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.customerlist.CustomerListCompiler;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.Audience;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunRequestCheck;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;

/**
 * The saved reports and customer lists: made by the venue's administrators (and granted to partner companies by
 * name) or by a partner company's users for their company alone. Saving a change keeps the earlier version; a run
 * records the version it ran. A definition is checked as a run of it would be, for the venue or for every partner
 * company it is granted to, so that a saved definition runs as saved.
 */
@Service
public class SavedReports {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    private static final String CURRENT = """
            select s.id, s.report_id, s.owner_partner_company_id, s.standard, s.current_version, s.created_by,
                   s.created_at, s.retired_at, v.version, v.name, v.description, v.parameters, v.open_parameters,
                   v.format, v.saved_by, v.saved_at
              from saved_report s
              join saved_report_version v on v.saved_report_id = s.id and v.version = s.current_version
            """;

    private final JdbcClient jdbc;

    private final JsonMapper json;

    private final ReportCatalogue catalogue;

    private final RunRequestCheck requestCheck;

    private final CustomerListCompiler lists;

    private final PartnerCompanies companies;

    SavedReports(JdbcClient jdbc, JsonMapper json, ReportCatalogue catalogue, RunRequestCheck requestCheck,
            CustomerListCompiler lists, PartnerCompanies companies) {
        this.jdbc = jdbc;
        this.companies = companies;
        this.json = json;
        this.catalogue = catalogue;
        this.requestCheck = requestCheck;
        this.lists = lists;
    }

    /** Every live definition, the venue's first, then by name. */
    public List<SavedReport> all() {
        return jdbc.sql(CURRENT + """
                 where s.retired_at is null
                 order by s.owner_partner_company_id nulls first, lower(v.name), s.id
                """).query(this::row).list();
    }

    /** The venue's live definitions, by name. */
    public List<SavedReport> venueOwned() {
        return jdbc.sql(CURRENT + """
                 where s.retired_at is null and s.owner_partner_company_id is null
                 order by lower(v.name), s.id
                """).query(this::row).list();
    }

    /** The venue's live definitions a partner company may be granted (not those for the venue's staff only). */
    public List<SavedReport> grantable() {
        return venueOwned().stream().filter(saved -> report(saved.reportId()).audience() != Audience.VENUE).toList();
    }

    /** What a partner company's users may run: the venue's definitions granted to it and its own, by name. */
    public List<SavedReport> visibleTo(long partnerCompanyId) {
        return jdbc.sql(CURRENT + """
                 where s.retired_at is null
                   and (s.owner_partner_company_id = :partner
                        or exists (select 1 from saved_report_grant g
                                    where g.saved_report_id = s.id and g.partner_company_id = :partner))
                 order by lower(v.name), s.id
                """).param("partner", partnerCompanyId).query(this::row).list();
    }

    public Optional<SavedReport> find(long id) {
        return jdbc.sql(CURRENT + " where s.id = :id").param("id", id).query(this::row).optional();
    }

    public SavedReport get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("saved report", id));
    }

    /**
     * A live definition the partner company's users may see; any other (another company's, not granted, retired,
     * unknown) is not found, alike.
     */
    public SavedReport visible(long partnerCompanyId, long id) {
        return visibleTo(partnerCompanyId).stream().filter(saved -> saved.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("saved report", id));
    }

    /** One version of a definition, as it was saved. */
    public SavedReport version(long id, int version) {
        return versions(id).stream().filter(saved -> saved.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundException("version " + version + " of saved report", id));
    }

    /** Every version of a definition, the newest first. */
    public List<SavedReport> versions(long id) {
        return jdbc.sql("""
                select s.id, s.report_id, s.owner_partner_company_id, s.standard, s.current_version, s.created_by,
                       s.created_at, s.retired_at, v.version, v.name, v.description, v.parameters, v.open_parameters,
                       v.format, v.saved_by, v.saved_at
                  from saved_report s
                  join saved_report_version v on v.saved_report_id = s.id
                 where s.id = :id
                 order by v.version desc
                """).param("id", id).query(this::row).list();
    }

    /** The venue's standard definition of a report kind (every parameter open), if it has one. */
    public Optional<SavedReport> standard(String reportId) {
        return jdbc.sql(CURRENT + " where s.standard and s.report_id = :report").param("report", reportId)
                .query(this::row).optional();
    }

    /**
     * Saves a new definition, owned by the venue ({@code owner} null) or by a partner company (a customer list of
     * its own). Checked as a run of it would be; nothing is saved when anything is wrong.
     */
    @Transactional
    public SavedReport create(Long owner, SavedReportDraft ofAuthor, String by) {
        SavedReportDraft draft = namedList(ofAuthor);
        ReportDefinition report = check(null, owner, draft.reportId(), draft, Set.of());
        long id = jdbc.sql("""
                insert into saved_report (report_id, owner_partner_company_id, created_by)
                values (:report, :owner, :by)
                returning id
                """).param("report", report.id()).param("owner", owner).param("by", by).query(Long.class).single();
        insertVersion(id, 1, draft, by);
        return get(id);
    }

    /** Saves the next version of a definition; the earlier ones stay, as do the runs that name them. */
    @Transactional
    public SavedReport update(long id, SavedReportDraft ofAuthor, String by) {
        SavedReport current = lockLive(id);
        SavedReportDraft draft = namedList(new SavedReportDraft(ofAuthor.name(), ofAuthor.description(),
                current.reportId(), ofAuthor.parameters(), ofAuthor.openParameters(), ofAuthor.format()));
        check(id, current.ownerPartnerCompanyId(), current.reportId(), draft, grantedTo(id));
        int version = current.currentVersion() + 1;
        insertVersion(id, version, draft, by);
        jdbc.sql("update saved_report set current_version = :version where id = :id").param("version", version)
                .param("id", id).update();
        return get(id);
    }

    /** Retires a definition: it is no longer offered, run or granted; its versions and runs stay. */
    @Transactional
    public SavedReport retire(long id) {
        lockLive(id);
        jdbc.sql("delete from saved_report_grant where saved_report_id = :id").param("id", id).update();
        jdbc.sql("update saved_report set retired_at = now() where id = :id").param("id", id).update();
        return get(id);
    }

    /** The partner companies a venue definition is granted to. */
    public Set<Long> grantedTo(long id) {
        return new LinkedHashSet<>(jdbc.sql("""
                select partner_company_id from saved_report_grant where saved_report_id = :id
                 order by partner_company_id
                """).param("id", id).query(Long.class).list());
    }

    /** The venue definitions granted to a partner company. */
    public Set<Long> grantsOf(long partnerCompanyId) {
        return new LinkedHashSet<>(jdbc.sql("""
                select saved_report_id from saved_report_grant where partner_company_id = :partner
                 order by saved_report_id
                """).param("partner", partnerCompanyId).query(Long.class).list());
    }

    /**
     * Grants a venue definition to exactly these partner companies (others lose it). Each must be able to run it
     * (a column outside a company's data-sharing agreement, say, refuses the grant, naming the company).
     */
    @Transactional
    public void grant(long id, Collection<Long> partnerCompanyIds, String by) {
        SavedReport saved = lockLive(id);
        Set<Long> partners = new LinkedHashSet<>(partnerCompanyIds);
        List<FieldError> errors = new ArrayList<>();
        if (!saved.ownedByVenue()) {
            throw new InvalidRequestException("partnerCompanies", "a partner company's own list cannot be granted"
                    + " to other companies");
        }
        ReportDefinition report = report(saved.reportId());
        if (report.audience() == Audience.VENUE && !partners.isEmpty()) {
            throw new InvalidRequestException("partnerCompanies", "\"" + saved.name() + "\" is for the venue's"
                    + " staff only and cannot be granted to a partner company");
        }
        for (Long partner : partners) {
            problems(saved, partner).forEach(problem -> errors.add(new FieldError("partnerCompanies", problem)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        setGrants(id, partners, by);
    }

    /** Grants exactly these venue definitions to the partner company (others are revoked from it). */
    @Transactional
    public void grantToCompany(long partnerCompanyId, Collection<Long> savedIds, String by) {
        List<FieldError> errors = new ArrayList<>();
        for (Long id : savedIds) {
            SavedReport saved = find(id).filter(candidate -> !candidate.isRetired() && candidate.ownedByVenue())
                    .orElse(null);
            if (saved == null) {
                errors.add(new FieldError("savedReports", "names a report the venue has not saved (" + id + ")"));
            }
            else if (report(saved.reportId()).audience() == Audience.VENUE) {
                errors.add(new FieldError("savedReports", "\"" + saved.name() + "\" is for the venue's staff only"));
            }
            else {
                problems(saved, partnerCompanyId).forEach(problem -> errors.add(new FieldError("savedReports",
                        problem)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        jdbc.sql("delete from saved_report_grant where partner_company_id = :partner")
                .param("partner", partnerCompanyId).update();
        for (Long id : new LinkedHashSet<>(savedIds)) {
            insertGrant(id, partnerCompanyId, by);
        }
    }

    /**
     * Grants a partner company the venue's standard definition of each of these report kinds, creating the
     * standard definitions it needs (named as the catalogue names the report, every parameter open). Its other
     * grants stay. What a per-kind grant was before definitions were saved; the customer list's kind, a list the
     * company writes itself, is the permission to build its own lists.
     */
    @Transactional
    public void grantKinds(long partnerCompanyId, Collection<String> reportIds, String by) {
        for (String reportId : new LinkedHashSet<>(reportIds)) {
            if (reportId.equals(ReportCatalogue.CUSTOMER_LIST)) {
                // A customer list the company writes itself.
                allowOwnLists(partnerCompanyId, true);
                continue;
            }
            ReportDefinition report = catalogue.find(reportId).filter(r -> r.audience() != Audience.VENUE)
                    .orElseThrow(() -> new InvalidRequestException("reports", "names a report that cannot be"
                            + " granted to a partner company"));
            SavedReport saved = standard(report.id()).orElseGet(() -> createStandard(report, by));
            jdbc.sql("""
                    insert into saved_report_grant (saved_report_id, partner_company_id, granted_by)
                    values (:id, :partner, :by)
                    on conflict do nothing
                    """).param("id", saved.id()).param("partner", partnerCompanyId).param("by", by).update();
        }
    }

    /** Whether the partner company's users may build customer lists of their own. */
    public boolean buildsOwnLists(long partnerCompanyId) {
        return Boolean.TRUE.equals(jdbc.sql("select builds_own_lists from partner_company where id = :id")
                .param("id", partnerCompanyId).query(Boolean.class).optional().orElse(false));
    }

    public void allowOwnLists(long partnerCompanyId, boolean allowed) {
        jdbc.sql("update partner_company set builds_own_lists = :allowed where id = :id")
                .param("allowed", allowed).param("id", partnerCompanyId).update();
    }

    /**
     * The run a person asks for: the definition's parameters, with the open ones they chose, and the format (the
     * saved one unless they may choose and did). Choosing a parameter the definition fixes is refused, in words.
     *
     * @param partnerCompanyId the company it runs for; null for the venue
     * @param format null for the definition's own
     */
    public RunRequest runRequest(SavedReport saved, Long partnerCompanyId, Map<String, String> chosen,
            OutputFormat format, String requestedBy) {
        List<FieldError> errors = new ArrayList<>();
        ReportDefinition report = report(saved.reportId());
        Map<String, String> parameters = new LinkedHashMap<>(saved.parameters());
        Set<String> known = Set.copyOf(report.parameters().stream().map(ParameterDefinition::name).toList());
        chosen.forEach((name, value) -> {
            if (value == null || value.isBlank() || value.equals(saved.parameters().get(name))) {
                return;
            }
            // A name the report does not have is left for the run's check to refuse, as for any request.
            if (known.contains(name) && !saved.isOpen(name)) {
                errors.add(new FieldError(name, "is set by \"" + saved.name() + "\" and cannot be changed when it"
                        + " runs"));
            }
            else {
                parameters.put(name, value);
            }
        });
        if (format != null && format != saved.format() && !saved.isOpen(SavedReport.FORMAT)) {
            errors.add(new FieldError("format", "\"" + saved.name() + "\" always makes a "
                    + saved.format().name() + " file"));
        }
        if (saved.isRetired()) {
            errors.add(new FieldError("savedReport", "\"" + saved.name() + "\" was withdrawn and cannot run"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Long runFor = report.audience() == Audience.VENUE ? null : partnerCompanyId;
        return new RunRequest(report.id(), runFor, parameters, format == null ? saved.format() : format, requestedBy,
                saved.ref());
    }

    /**
     * Why the definition cannot run for the partner company (null: for the venue) with its saved values, in words;
     * empty when it can. A definition can stop being valid after it was saved: a column taken out of the company's
     * data-sharing agreement, an event it names deleted.
     */
    public List<String> problems(SavedReport saved, Long partnerCompanyId) {
        try {
            requestCheck.check(runRequest(saved, partnerCompanyId, Map.of(), null, "check"));
            return List.of();
        }
        catch (InvalidRequestException ex) {
            String who = partnerCompanyId == null ? "" : "For " + companyName(partnerCompanyId) + ": ";
            return ex.errors().stream().map(error -> who + error.message()).toList();
        }
    }

    /**
     * Why the definition cannot run as saved, wherever it runs: for its owner company, for each company it is
     * granted to, or for the venue (a venue report, or a list naming no company "running it" that nobody was
     * granted). Empty when it can run everywhere.
     */
    public List<String> problems(SavedReport saved) {
        List<String> problems = new ArrayList<>();
        for (Long partner : contexts(saved.ownerPartnerCompanyId(), saved.reportId(), saved.parameters(),
                grantedTo(saved.id()))) {
            problems.addAll(problems(saved, partner));
        }
        return problems;
    }

    private List<Long> contexts(Long owner, String reportId, Map<String, String> parameters, Set<Long> granted) {
        List<Long> contexts = new ArrayList<>();
        if (owner != null) {
            contexts.add(owner);
        }
        else if (!granted.isEmpty()) {
            contexts.addAll(granted);
        }
        else if (report(reportId).audience() != Audience.PARTNER && !usesRunPartner(parameters)) {
            contexts.add(null);
        }
        return contexts;
    }

    private SavedReport createStandard(ReportDefinition report, String by) {
        List<String> open = new ArrayList<>(report.parameters().stream().map(ParameterDefinition::name).toList());
        open.add(SavedReport.FORMAT);
        long id = jdbc.sql("""
                insert into saved_report (report_id, standard, created_by) values (:report, true, :by) returning id
                """).param("report", report.id()).param("by", by).query(Long.class).single();
        insertVersion(id, 1, new SavedReportDraft(report.title(), "", report.id(), Map.of(), open, OutputFormat.XLSX),
                by);
        return get(id);
    }

    private void setGrants(long id, Set<Long> partners, String by) {
        if (partners.isEmpty()) {
            jdbc.sql("delete from saved_report_grant where saved_report_id = :id").param("id", id).update();
        }
        else {
            jdbc.sql("""
                    delete from saved_report_grant where saved_report_id = :id and partner_company_id not in (:partners)
                    """).param("id", id).param("partners", List.copyOf(partners)).update();
        }
        for (Long partner : partners) {
            insertGrant(id, partner, by);
        }
    }

    private void insertGrant(long id, long partner, String by) {
        jdbc.sql("""
                insert into saved_report_grant (saved_report_id, partner_company_id, granted_by)
                values (:id, :partner, :by)
                on conflict do nothing
                """).param("id", id).param("partner", partner).param("by", by).update();
    }

    private SavedReport lockLive(long id) {
        jdbc.sql("select id from saved_report where id = :id for update").param("id", id).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("saved report", id));
        SavedReport saved = get(id);
        if (saved.isRetired()) {
            throw new NotFoundException("saved report", id);
        }
        return saved;
    }

    /**
     * Checks a draft as a run of it would be checked: for its owner company, for every company it is granted to,
     * or for the venue. A partner company's own definition can only be a customer list.
     */
    private ReportDefinition check(Long id, Long owner, String reportId, SavedReportDraft draft, Set<Long> granted) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || draft.name().isBlank()) {
            errors.add(new FieldError("name", "give it a name people will recognise"));
        }
        else if (draft.name().length() > 200) {
            errors.add(new FieldError("name", "is longer than 200 characters"));
        }
        else if (nameTaken(id, owner, draft.name())) {
            errors.add(new FieldError("name", "is already the name of another saved report; choose another"));
        }
        if (draft.description().length() > 2000) {
            errors.add(new FieldError("description", "is longer than 2,000 characters"));
        }
        if (draft.format() == null) {
            errors.add(new FieldError("format", "choose Excel (XLSX) or CSV"));
        }
        ReportDefinition report = reportId == null ? null : catalogue.find(reportId).orElse(null);
        if (report == null) {
            errors.add(new FieldError("report", "choose one of the reports"));
            throw new InvalidRequestException(errors);
        }
        if (owner != null && !report.isCustomerList()) {
            errors.add(new FieldError("report", "a partner company can save customer lists only"));
        }
        Set<String> names = new LinkedHashSet<>(report.parameters().stream().map(ParameterDefinition::name).toList());
        if (!names.containsAll(draft.parameters().keySet())) {
            errors.add(new FieldError("parameters", "names a setting \"" + report.title() + "\" does not have"));
        }
        names.add(SavedReport.FORMAT);
        if (!names.containsAll(draft.openParameters())) {
            errors.add(new FieldError("openParameters", "names a setting \"" + report.title() + "\" does not have"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        // Checked with the values saved (open ones at their defaults), as each run it will make.
        SavedReport candidate = new SavedReport(id == null ? 0 : id, report.id(), owner, false, 1, 1, draft.name(),
                draft.description(), draft.parameters(), draft.openParameters(), draft.format(), "check",
                Instant.EPOCH, "check", Instant.EPOCH, null);
        for (Long partner : contexts(owner, report.id(), draft.parameters(), granted)) {
            try {
                requestCheck.check(runRequest(candidate, partner, Map.of(), null, "check"));
            }
            catch (InvalidRequestException ex) {
                String who = partner == null || owner != null ? "" : "for " + companyName(partner) + ", ";
                ex.errors().forEach(error -> errors.add(new FieldError(error.field(), who + error.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return report;
    }

    /**
     * A saved list is named by its definition: the list's own name (its file's title) is set to it. A list that is not
     * a JSON object is left for the check to refuse.
     */
    private SavedReportDraft namedList(SavedReportDraft draft) {
        String list = draft.parameters().get(ReportCatalogue.LIST_PARAMETER);
        if (list == null || draft.name() == null || draft.name().isBlank()) {
            return draft;
        }
        JsonNode tree;
        try {
            tree = json.readTree(list);
        }
        catch (JacksonException ex) {
            return draft;
        }
        if (!(tree instanceof ObjectNode object)) {
            return draft;
        }
        object.put("name", draft.name());
        Map<String, String> parameters = new LinkedHashMap<>(draft.parameters());
        parameters.put(ReportCatalogue.LIST_PARAMETER, json.writeValueAsString(object));
        return new SavedReportDraft(draft.name(), draft.description(), draft.reportId(), parameters,
                draft.openParameters(), draft.format());
    }

    /** Whether the venue's staff may run it for the venue: a venue definition of a report that is not a partner's. */
    public boolean runsForVenue(SavedReport saved) {
        return saved.ownedByVenue() && report(saved.reportId()).audience() != Audience.PARTNER
                && !usesRunPartner(saved.parameters());
    }

    /**
     * A list naming "the partner company running it" runs for partner companies only. A list that cannot be read is
     * left for the check, which says why.
     */
    private boolean usesRunPartner(Map<String, String> parameters) {
        String list = parameters.get(ReportCatalogue.LIST_PARAMETER);
        if (list == null) {
            return false;
        }
        try {
            return lists.parse(list).namesTheCompanyItRunsFor();
        }
        catch (InvalidRequestException ex) {
            return false;
        }
    }

    private boolean nameTaken(Long id, Long owner, String name) {
        return jdbc.sql(CURRENT + """
                 where s.retired_at is null and s.owner_partner_company_id is not distinct from :owner
                   and lower(v.name) = lower(:name) and s.id <> coalesce(:id, 0)
                """).param("owner", owner).param("name", name).param("id", id).query(this::row).optional().isPresent();
    }

    private void insertVersion(long id, int version, SavedReportDraft draft, String by) {
        jdbc.sql("""
                insert into saved_report_version (saved_report_id, version, name, description, parameters,
                                                  open_parameters, format, saved_by)
                values (:id, :version, :name, :description, cast(:parameters as jsonb),
                        string_to_array(:open, ','), :format, :by)
                """)
                .param("id", id).param("version", version).param("name", draft.name())
                .param("description", draft.description())
                .param("parameters", json.writeValueAsString(draft.parameters()))
                .param("open", String.join(",", draft.openParameters().stream().distinct().toList()))
                .param("format", draft.format().name()).param("by", by).update();
    }

    private ReportDefinition report(String reportId) {
        return catalogue.find(reportId).orElseThrow(() -> new IllegalStateException("Saved report of report "
                + reportId + ", which the catalogue no longer has"));
    }

    private String companyName(long partnerCompanyId) {
        return companies.name(partnerCompanyId).orElse("a partner company that no longer exists");
    }

    private SavedReport row(ResultSet rs, int row) throws SQLException {
        Array open = rs.getArray("open_parameters");
        return new SavedReport(rs.getLong("id"), rs.getString("report_id"),
                rs.getObject("owner_partner_company_id", Long.class), rs.getBoolean("standard"), rs.getInt("version"),
                rs.getInt("current_version"), rs.getString("name"), rs.getString("description"),
                json.readValue(rs.getString("parameters"), PARAMETERS),
                open == null ? List.of() : Arrays.asList((String[]) open.getArray()),
                OutputFormat.valueOf(rs.getString("format")), rs.getString("saved_by"), instant(rs, "saved_at"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "retired_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
