package org.stagedoor.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.listbuilder.ListProblemWords;
import org.stagedoor.saved.SavedReportOperations;
import org.stagedoor.security.StagedoorUser;

/**
 * A partner company's own customer lists, built in the portal with the segment builder when the venue allows the
 * company to: saved by name for the company's users (and seen by the venue), changed version by version.
 */
@Controller
@RequestMapping("/portal/lists")
class PortalListController {

    private final SavedReportOperations operations;

    private final PortalRuns runs;

    PortalListController(SavedReportOperations operations, PortalRuns runs) {
        this.operations = operations;
        this.runs = runs;
    }

    /** What the list form holds: as saved, or as sent back with its problems. */
    public record ListForm(String name, String description, String list, String format,
            Map<String, List<String>> errors) {

        public List<String> on(String field) {
            return errors.entrySet().stream().filter(entry -> entry.getKey().equals(field)
                    || entry.getKey().startsWith(field + ".")).flatMap(entry -> entry.getValue().stream()).toList();
        }
    }

    @GetMapping("/new")
    ModelAndView newList(@AuthenticationPrincipal StagedoorUser user) {
        requireOwnLists(user);
        return page(user, null, new ListForm("", "", null, OutputFormat.XLSX.name(), Map.of()), HttpStatus.OK);
    }

    @PostMapping
    ModelAndView create(@AuthenticationPrincipal StagedoorUser user, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description, @RequestParam(required = false) String list,
            @RequestParam(defaultValue = "XLSX") String format) {
        requireOwnLists(user);
        try {
            SavedReport created = operations.create(user, draft(name, description, list, format));
            return new ModelAndView("redirect:/portal/saved/" + created.id() + "?saved");
        }
        catch (InvalidRequestException ex) {
            return page(user, null, refused(name, description, list, format, ex), HttpStatus.BAD_REQUEST);
        }
    }

    @GetMapping("/{id}")
    ModelAndView edit(@AuthenticationPrincipal StagedoorUser user, @PathVariable long id) {
        SavedReport definition = operations.editable(user, id);
        return page(user, definition, new ListForm(definition.name(), definition.description(),
                definition.parameters().get(ReportCatalogue.LIST_PARAMETER), definition.format().name(), Map.of()),
                HttpStatus.OK);
    }

    @PostMapping("/{id}")
    ModelAndView update(@AuthenticationPrincipal StagedoorUser user, @PathVariable long id,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
            @RequestParam(required = false) String list, @RequestParam(defaultValue = "XLSX") String format) {
        SavedReport definition = operations.editable(user, id);
        try {
            operations.update(user, id, draft(name, description, list, format));
            return new ModelAndView("redirect:/portal/saved/" + id + "?saved");
        }
        catch (InvalidRequestException ex) {
            return page(user, definition, refused(name, description, list, format, ex), HttpStatus.BAD_REQUEST);
        }
    }

    private void requireOwnLists(StagedoorUser user) {
        if (!runs.buildsOwnLists(user)) {
            throw new NotFoundException("list builder of", user.email());
        }
    }

    /** A company's own list: the person running it may choose the kind of file; everything else is the list. */
    private static SavedReportDraft draft(String name, String description, String list, String format) {
        return new SavedReportDraft(name, description, ReportCatalogue.CUSTOMER_LIST,
                list == null || list.isBlank() ? Map.of() : Map.of(ReportCatalogue.LIST_PARAMETER, list),
                List.of(SavedReport.FORMAT), "CSV".equals(format) ? OutputFormat.CSV : OutputFormat.XLSX);
    }

    private static ListForm refused(String name, String description, String list, String format,
            InvalidRequestException ex) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ListProblemWords.of(ReportCatalogue.LIST_PARAMETER, ex.errors())
                .forEach(error -> errors.computeIfAbsent(error.field(), field -> new ArrayList<>())
                        .add(error.message()));
        return new ListForm(name, description, list, format, errors);
    }

    private static ModelAndView page(StagedoorUser user, SavedReport definition, ListForm form, HttpStatus status) {
        ModelAndView page = new ModelAndView("portal/list");
        page.addObject("user", user);
        page.addObject("definition", definition);
        page.addObject("form", form);
        page.addObject("pageTitle", definition == null ? "Build a customer list" : definition.name());
        page.setStatus(status);
        return page;
    }
}
