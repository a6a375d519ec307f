package org.stagedoor.portal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.CountTookTooLong;
import org.stagedoor.batch.run.ListCounts;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.sharing.ListChanges;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.find.Page;
import org.stagedoor.find.RunFilter;
import org.stagedoor.security.StagedoorUser;

/**
 * The partner portal's pages: the company's granted reports and recent runs, a report's run form, a run's
 * page with its live progress, and the run history. Everything is the user's company's; anything else is the
 * plain 404 page.
 */
@Controller
@RequestMapping("/portal")
class PortalController {

    /** Runs on the home page; each page of the history shows {@link #HISTORY_PAGE}, with a link to older ones. */
    static final int RECENT = 10;

    static final int HISTORY_PAGE = 50;

    private final PortalRuns runs;

    private final RunViews views;

    private final PartnerCompanies partners;

    private final VenueProperties venue;

    private final Clock clock;

    private final PortalTimes times;

    private final RunPreview preview;

    private final ListCounts listCounts;

    private final ListChanges listChanges;

    PortalController(PortalRuns runs, RunViews views, PartnerCompanies partners, VenueProperties venue, Clock clock,
            PortalTimes times, RunPreview preview, ListCounts listCounts, ListChanges listChanges) {
        this.listChanges = listChanges;
        this.runs = runs;
        this.views = views;
        this.partners = partners;
        this.venue = venue;
        this.clock = clock;
        this.times = times;
        this.preview = preview;
        this.listCounts = listCounts;
    }

    @ModelAttribute("times")
    PortalTimes times() {
        return times;
    }

    @GetMapping
    String home(@AuthenticationPrincipal StagedoorUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("company", partners.get(user.partnerCompanyId()));
        List<SavedReport> saved = runs.saved(user);
        model.addAttribute("saved", saved);
        // A definition saved without a description (a standard one) is described by its report.
        model.addAttribute("descriptions", saved.stream().collect(Collectors.toMap(SavedReport::id,
                definition -> definition.description().isEmpty() ? runs.reportOf(definition).description()
                        : definition.description())));
        model.addAttribute("lastRuns", runs.lastRuns(user));
        model.addAttribute("buildsOwnLists", runs.buildsOwnLists(user));
        model.addAttribute("runs", views.pages(runs.history(user, RunFilter.none(), RECENT).items()));
        return "portal/home";
    }

    /** A saved report's form: the settings it leaves open, the others in words. */
    @GetMapping("/saved/{savedId}")
    String savedForm(@AuthenticationPrincipal StagedoorUser user, @PathVariable long savedId, Model model) {
        SavedReport saved = runs.saved(user, savedId);
        model.addAttribute("user", user);
        model.addAttribute("form", RunForm.blank(runs.reportOf(saved), saved, today()));
        // A list's counts as it would run now (counts only: its rows leave only through a run).
        String list = saved.parameters().get(ReportCatalogue.LIST_PARAMETER);
        if (list != null) {
            try {
                model.addAttribute("listCount", listCounts.count(list, user.partnerCompanyId(), user.email()));
            }
            catch (InvalidRequestException | CountTookTooLong ex) {
                model.addAttribute("countProblem", ex instanceof CountTookTooLong ? ex.getMessage()
                        : "It cannot be counted as it stands; running it says why.");
            }
        }
        return "portal/report";
    }

    /** Runs a saved report at once with its own settings ("Run" on the list of reports). */
    @PostMapping("/saved/{savedId}/run")
    ModelAndView runSaved(@AuthenticationPrincipal StagedoorUser user, @PathVariable long savedId) {
        SavedReport saved = runs.saved(user, savedId);
        try {
            ReportRun run = runs.startSaved(user, savedId, Map.of(), null, false);
            return new ModelAndView("redirect:/portal/runs/" + run.id());
        }
        catch (InvalidRequestException ex) {
            RunForm form = RunForm.blank(runs.reportOf(saved), saved, today());
            form.addErrors(ex.errors());
            return refused(user, form);
        }
    }

    /** Runs a saved report with the open settings chosen on its form. */
    @PostMapping("/saved/{savedId}/runs")
    ModelAndView startSaved(@AuthenticationPrincipal StagedoorUser user, @PathVariable long savedId,
            @RequestParam MultiValueMap<String, String> sent) {
        SavedReport saved = runs.saved(user, savedId);
        RunForm form = RunForm.submitted(runs.reportOf(saved), saved, today(), sent);
        Map<String, String> parameters = form.parameters();
        OutputFormat format = form.outputFormat();
        try {
            if (form.hasErrors()) {
                runs.checkSaved(user, savedId, parameters, format);
            }
            else {
                ReportRun run = runs.startSaved(user, savedId, parameters, format, form.notifyWhenReady());
                return new ModelAndView("redirect:/portal/runs/" + run.id());
            }
        }
        catch (InvalidRequestException ex) {
            form.addErrors(ex.errors());
        }
        return refused(user, form);
    }

    private static ModelAndView refused(StagedoorUser user, RunForm form) {
        ModelAndView page = new ModelAndView("portal/report", HttpStatus.BAD_REQUEST);
        page.addObject("user", user);
        page.addObject("form", form);
        return page;
    }

    @GetMapping("/reports/{reportId}")
    String reportForm(@AuthenticationPrincipal StagedoorUser user, @PathVariable String reportId, Model model) {
        ReportDefinition report = runs.report(user, reportId);
        model.addAttribute("user", user);
        model.addAttribute("form", RunForm.blank(report, today()));
        return "portal/report";
    }

    /** The list builder, counts only, for a company that may run customer lists. */
    @GetMapping("/lists/try")
    String tryList(@AuthenticationPrincipal StagedoorUser user, Model model) {
        runs.report(user, ReportCatalogue.CUSTOMER_LIST);
        model.addAttribute("user", user);
        model.addAttribute("company", partners.get(user.partnerCompanyId()));
        return "portal/list-try";
    }

    @PostMapping("/reports/{reportId}/runs")
    ModelAndView start(@AuthenticationPrincipal StagedoorUser user, @PathVariable String reportId,
            @RequestParam MultiValueMap<String, String> sent) {
        ReportDefinition report = runs.report(user, reportId);
        RunForm form = RunForm.submitted(report, today(), sent);
        Map<String, String> parameters = form.parameters();
        OutputFormat format = form.outputFormat();
        try {
            if (form.hasErrors()) {
                // Refused already; the check names what else is wrong, so that one round trip shows it all.
                runs.check(user, reportId, parameters, format);
            }
            else {
                ReportRun run = runs.start(user, reportId, parameters, format, form.notifyWhenReady());
                return new ModelAndView("redirect:/portal/runs/" + run.id());
            }
        }
        catch (InvalidRequestException ex) {
            form.addErrors(ex.errors());
        }
        return refused(user, form);
    }

    /** The history, a page at a time, narrowed by report, status, who asked and days; filters stay in the address. */
    @GetMapping("/runs")
    String history(@AuthenticationPrincipal StagedoorUser user, @ModelAttribute("filter") RunFilter filter,
            Model model) {
        Page<ReportRun> page = runs.history(user, filter, HISTORY_PAGE);
        model.addAttribute("user", user);
        model.addAttribute("runs", views.pages(page.items()));
        model.addAttribute("page", page);
        model.addAttribute("reports", runs.reportChoices(user));
        model.addAttribute("statuses", RunStatus.values());
        model.addAttribute("pageSize", HISTORY_PAGE);
        return "portal/runs";
    }

    @GetMapping("/runs/{id}")
    String run(@AuthenticationPrincipal StagedoorUser user, @PathVariable long id, Model model) {
        ReportRun run = runs.run(user, id);
        model.addAttribute("user", user);
        model.addAttribute("run", views.page(run));
        ReportDefinition report = runs.reportOf(run);
        model.addAttribute("personalData", report.personalData());
        SavedReport saved = runs.savedOf(run).orElse(null);
        model.addAttribute("saved", saved);
        model.addAttribute("title", saved == null ? report.title() : saved.name());
        model.addAttribute("preview", preview.of(run, report).orElse(null));
        model.addAttribute("emailWhenReady", runs.isWatching(run, user));
        model.addAttribute("withdrawn", runs.withdrawals(user, id));
        // A scheduled list of changes: what it holds, and the full list on request (any run on demand is whole).
        model.addAttribute("changes", listChanges.plan(run.id()).filter(ListChanges.Plan::changes)
                .map(plan -> plan.words(venue.timeZone())).orElse(null));
        return "portal/run";
    }

    /** "Run again": the same report and parameters, at once; its page follows it. */
    @PostMapping("/runs/{id}/again")
    ModelAndView again(@AuthenticationPrincipal StagedoorUser user, @PathVariable long id) {
        try {
            return new ModelAndView("redirect:/portal/runs/" + runs.again(user, id).id());
        }
        catch (InvalidRequestException ex) {
            // It can no longer run as it was asked (a setting since fixed, a column since withdrawn): the form says
            // why.
            RunForm form = againForm(user, runs.run(user, id));
            form.addErrors(ex.errors());
            ModelAndView page = refused(user, form);
            page.addObject("againOf", id);
            return page;
        }
    }

    /** "Get the full list now", on the page of a list sent as its changes: a whole list, at once. */
    @PostMapping("/runs/{id}/full-list")
    String fullList(@AuthenticationPrincipal StagedoorUser user, @PathVariable long id) {
        return "redirect:/portal/runs/" + runs.fullList(user, id).id();
    }

    /** "Run again with changes": the run's form, filled in as the run was asked. */
    @GetMapping("/runs/{id}/again")
    String againWithChanges(@AuthenticationPrincipal StagedoorUser user, @PathVariable long id, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("form", againForm(user, runs.run(user, id)));
        model.addAttribute("againOf", id);
        return "portal/report";
    }

    private RunForm againForm(StagedoorUser user, ReportRun run) {
        SavedReport saved = runs.savedOf(run).map(definition -> runs.saved(user, definition.id())).orElse(null);
        if (saved != null) {
            return RunForm.again(runs.reportOf(saved), saved, today(),
                    PortalRuns.openParameters(saved, run), run.format());
        }
        return RunForm.again(runs.report(user, run.reportId()), null, today(), run.parametersGiven(), run.format());
    }

    @PostMapping("/runs/{id}/cancel")
    String cancel(@AuthenticationPrincipal StagedoorUser user, @PathVariable long id) {
        runs.cancel(user, id);
        return "redirect:/portal/runs/" + id;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(venue.timeZone()));
    }
}
