package org.stagedoor.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.report.Audience;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.listbuilder.ListProblemWords;
import org.stagedoor.saved.SavedReportOperations;
import org.stagedoor.security.StagedoorUser;

/**
 * The console's saved reports and customer lists: the venue's own and those partner companies built, each with
 * what stops it from running (if anything); a form to save one, its versions, and to whom it is granted.
 */
@Controller
@RequestMapping("/admin/reports")
class SavedReportController {

    private final SavedReports saved;

    private final SavedReportOperations operations;

    private final ReportCatalogue catalogue;

    private final PartnerCompanies companies;

    private final VenueProperties venue;

    private final Clock clock;

    SavedReportController(SavedReports saved, SavedReportOperations operations, ReportCatalogue catalogue,
            PartnerCompanies companies, VenueProperties venue, Clock clock) {
        this.saved = saved;
        this.operations = operations;
        this.catalogue = catalogue;
        this.companies = companies;
        this.venue = venue;
        this.clock = clock;
    }

    /** One saved definition on the list: what it runs, whose it is, to whom it is granted, what is wrong. */
    public record Row(SavedReport definition, String reportTitle, String owner, List<String> grantedTo,
            List<String> problems) {
    }

    @GetMapping
    ModelAndView list() {
        Map<Long, String> names = companyNames();
        List<Row> rows = new ArrayList<>();
        for (SavedReport definition : saved.all()) {
            List<Long> granted = List.copyOf(saved.grantedTo(definition.id()));
            rows.add(new Row(definition, title(definition.reportId()),
                    definition.ownedByVenue() ? "The venue" : names.get(definition.ownerPartnerCompanyId()),
                    granted.stream().map(names::get).toList(), saved.problems(definition)));
        }
        ModelAndView page = new ModelAndView("admin/saved-reports");
        page.addObject("rows", rows);
        return page;
    }

    /** The first step of a new one: which report (or a customer list). */
    @GetMapping("/new")
    ModelAndView newForm(@RequestParam(required = false) String report) {
        if (report == null) {
            ModelAndView page = new ModelAndView("admin/saved-report-kinds");
            page.addObject("reports", catalogue.all());
            return page;
        }
        ReportDefinition definition = catalogue.find(report).orElseThrow(() -> new NotFoundException("report",
                report));
        return formPage(SavedReportForm.blank(definition, today()), null, FieldMessages.NONE, HttpStatus.OK);
    }

    @PostMapping
    ModelAndView create(@RequestParam String report, @RequestParam MultiValueMap<String, String> sent,
            @AuthenticationPrincipal StagedoorUser user) {
        ReportDefinition definition = catalogue.find(report).orElseThrow(() -> new NotFoundException("report",
                report));
        SavedReportForm form = SavedReportForm.submitted(definition, today(), sent);
        try {
            SavedReport created = operations.create(user, form.draft());
            return new ModelAndView("redirect:/admin/reports/" + created.id() + "?saved");
        }
        catch (InvalidRequestException ex) {
            return formPage(form, null, inWords(ex), HttpStatus.BAD_REQUEST);
        }
    }

    @GetMapping("/{id}")
    ModelAndView edit(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        SavedReport definition = operations.editable(user, id);
        return formPage(SavedReportForm.of(report(definition), definition, today()), definition, FieldMessages.NONE,
                HttpStatus.OK);
    }

    @PostMapping("/{id}")
    ModelAndView update(@PathVariable long id, @RequestParam MultiValueMap<String, String> sent,
            @AuthenticationPrincipal StagedoorUser user) {
        SavedReport definition = operations.editable(user, id);
        SavedReportForm form = SavedReportForm.submitted(report(definition), today(), sent);
        try {
            operations.update(user, id, form.draft());
            return new ModelAndView("redirect:/admin/reports/" + id + "?saved");
        }
        catch (InvalidRequestException ex) {
            return formPage(form, definition, inWords(ex), HttpStatus.BAD_REQUEST);
        }
    }

    /** Grants it to exactly the ticked partner companies. */
    @PostMapping("/{id}/grants")
    ModelAndView grant(@PathVariable long id, @RequestParam(name = "partnerCompanies", required = false)
            List<Long> partners, @AuthenticationPrincipal StagedoorUser user) {
        SavedReport definition = operations.editable(user, id);
        Set<Long> chosen = partners == null ? Set.of() : new LinkedHashSet<>(partners);
        try {
            operations.grant(user, id, chosen);
            return new ModelAndView("redirect:/admin/reports/" + id + "?granted");
        }
        catch (InvalidRequestException ex) {
            ModelAndView page = formPage(SavedReportForm.of(report(definition), definition, today()), definition,
                    FieldMessages.NONE, HttpStatus.BAD_REQUEST);
            page.addObject("granted", chosen);
            page.addObject("grantErrors", FieldMessages.of(ex));
            return page;
        }
    }

    /** Runs a venue report or list for the venue now; its run's page follows it. */
    @PostMapping("/{id}/run")
    String runForVenue(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        return "redirect:/admin/runs/" + operations.runForVenue(user, id).id();
    }

    @PostMapping("/{id}/retire")
    String retire(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        operations.retire(user, id);
        return "redirect:/admin/reports?withdrawn";
    }

    private ModelAndView formPage(SavedReportForm form, SavedReport definition, FieldMessages errors,
            HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/saved-report");
        page.addObject("form", form);
        page.addObject("definition", definition);
        page.addObject("pageTitle", definition == null ? "New: " + form.report().title() : definition.name());
        page.addObject("errors", errors);
        page.addObject("fieldLabels", LABELS);
        page.addObject("grantErrors", FieldMessages.NONE);
        page.addObject("partners", companies.all());
        boolean grantable = definition != null && definition.ownedByVenue()
                && form.report().audience() != Audience.VENUE;
        page.addObject("grantable", grantable);
        page.addObject("runsForVenue", definition != null && saved.runsForVenue(definition));
        Set<Long> granted = definition == null ? Set.of() : saved.grantedTo(definition.id());
        page.addObject("granted", granted);
        // The builder counts a granted list as it runs for the first company granted it.
        page.addObject("builderCompany", granted.isEmpty() ? null : granted.iterator().next());
        page.addObject("versions", definition == null ? List.of() : saved.versions(definition.id()));
        page.addObject("owner", definition == null || definition.ownedByVenue() ? null
                : companies.get(definition.ownerPartnerCompanyId()).name());
        page.addObject("problems", definition == null ? List.of() : saved.problems(definition));
        page.setStatus(status);
        return page;
    }

    /** The labels of the form's fields, for the summary of what was refused. */
    private static final Map<String, String> LABELS = Map.of("name", "Name", "description", "Description",
            "period", "Period", "columns", "Columns", ReportCatalogue.LIST_PARAMETER, "Who is on the list",
            "format", "File", "report", "Report", "parameters", "Settings", "openParameters", "Settings",
            "partnerCompanies", "Who may run it");

    /** A refusal in words: a list's problems by row and setting, each under a field the form shows. */
    private static FieldMessages inWords(InvalidRequestException ex) {
        return FieldMessages.of(new InvalidRequestException(ListProblemWords.of(ReportCatalogue.LIST_PARAMETER,
                ex.errors())));
    }

    private Map<Long, String> companyNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        for (PartnerCompany company : companies.all()) {
            names.put(company.id(), company.name());
        }
        return names;
    }

    private ReportDefinition report(SavedReport definition) {
        return catalogue.find(definition.reportId()).orElseThrow(() -> new NotFoundException("report",
                definition.reportId()));
    }

    private String title(String reportId) {
        return catalogue.find(reportId).map(ReportDefinition::title).orElse(reportId);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(venue.timeZone()));
    }
}
