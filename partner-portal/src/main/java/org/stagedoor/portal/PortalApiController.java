package org.stagedoor.portal;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springdoc.core.annotations.ParameterObject;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.run.ListCounts;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.sharing.SharingLedger;
import org.stagedoor.listbuilder.ListBuilderOperations;
import org.stagedoor.listbuilder.ListChoices;
import org.stagedoor.saved.SavedReportOperations;
import org.stagedoor.saved.SavedReportRequest;
import org.stagedoor.saved.SavedReportView;
import org.stagedoor.find.RunFilter;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.ApiController;

/**
 * The partner portal's JSON API, for scripts (HTTP Basic, or the company's API token as {@code Authorization: Bearer},
 * which acts as a user of its company) and the portal's own pages (session): the reports granted to the user's
 * company, runs started for it, their progress and files, and its sales chart. Everything is the
 * user's company's; anything else answers 404 with no detail. Refused requests answer 400 as problem details with
 * one entry per field.
 */
@ApiController("/api/portal")
@Tag(name = "Partner portal", description = "Your company's reports, runs and files")
class PortalApiController {

    private static final int MAX_RUNS = 500;

    private final PortalRuns runs;

    private final RunViews views;

    private final SalesChart salesChart;

    private final JsonMapper json;

    private final ListCounts listCounts;

    private final SavedReportOperations savedOperations;

    private final ListBuilderOperations builder;

    PortalApiController(PortalRuns runs, RunViews views, SalesChart salesChart, JsonMapper json,
            ListCounts listCounts, SavedReportOperations savedOperations, ListBuilderOperations builder) {
        this.runs = runs;
        this.views = views;
        this.salesChart = salesChart;
        this.json = json;
        this.listCounts = listCounts;
        this.savedOperations = savedOperations;
        this.builder = builder;
    }

    /**
     * A run of a saved report or list.
     *
     * @param parameters the settings it leaves open that you choose; the others are its own
     * @param format {@code CSV} or {@code XLSX} when it lets you choose; left out: its own
     * @param notifyWhenReady email you when the run is ready (JSON {@code notify})
     */
    record StartSaved(Map<String, Object> parameters, String format, @JsonProperty("notify") Boolean notifyWhenReady) {
    }

    @Operation(summary = "List the saved reports and lists your company may run, by name",
            description = "The venue's granted to your company, and your company's own lists.")
    @GetMapping("/saved-reports")
    List<SavedReportView> savedReports(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        Map<Long, Instant> last = runs.lastRuns(user);
        return runs.saved(user).stream().map(definition -> savedOperations.view(definition, last.get(definition.id())))
                .toList();
    }

    @Operation(summary = "One saved report or list your company may run")
    @GetMapping("/saved-reports/{id}")
    SavedReportView savedReport(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @PathVariable long id) {
        return savedOperations.view(runs.saved(user, id), runs.lastRuns(user).get(id));
    }

    @Operation(summary = "Run a saved report or list for your company",
            description = "With an empty body it runs with its own settings. Answers 202 with the queued run.")
    @PostMapping("/saved-reports/{id}/runs")
    ResponseEntity<RunView> startSaved(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @PathVariable long id, @RequestBody(required = false) StartSaved request) {
        StartSaved given = request == null ? new StartSaved(Map.of(), null, false) : request;
        if (given.format() != null && format(given.format()) == null) {
            throw new InvalidRequestException("format", "choose csv or xlsx");
        }
        ReportRun run = runs.startSaved(user, id, parameters(given.parameters()), format(given.format()),
                Boolean.TRUE.equals(given.notifyWhenReady()));
        return ResponseEntity.accepted().location(URI.create("/api/portal/runs/" + run.id())).body(views.api(run));
    }

    @Operation(summary = "Count a saved customer list for your company before running it",
            description = "As the count of a list's definition, for a saved list your company may run.")
    @PostMapping("/saved-reports/{id}/count")
    ListCounts.ListCount countSaved(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @PathVariable long id) {
        SavedReport definition = runs.saved(user, id);
        String list = definition.parameters().get(ReportCatalogue.LIST_PARAMETER);
        if (list == null) {
            throw new InvalidRequestException("savedReport", "\"" + definition.name() + "\" is not a customer list;"
                    + " only lists are counted");
        }
        return listCounts.count(list, user.partnerCompanyId(), user.email());
    }

    @Operation(summary = "Save a customer list of your company's own",
            description = "When the venue lets your company build its own lists. Checked as a run of it would be;"
                    + " answers 201. Your company's users and the venue see it.")
    @PostMapping("/saved-reports")
    ResponseEntity<SavedReportView> createOwn(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @RequestBody SavedReportRequest request) {
        SavedReport created = savedOperations.create(user, request.draft(json));
        return ResponseEntity.created(URI.create("/api/portal/saved-reports/" + created.id()))
                .body(savedOperations.view(created, null));
    }

    @Operation(summary = "Save the next version of one of your company's own lists")
    @PutMapping("/saved-reports/{id}")
    SavedReportView updateOwn(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @PathVariable long id, @RequestBody SavedReportRequest request) {
        return savedOperations.view(savedOperations.update(user, id, request.draft(json)), null);
    }

    /**
     * A run to start.
     *
     * @param report the report's id (one granted to your company)
     * @param parameters the report's parameters by name; a customer list's definition may be a JSON object
     * @param format {@code CSV} or {@code XLSX}
     * @param notifyWhenReady email you when the run is ready (JSON {@code notify})
     */
    record StartRun(String report, Map<String, Object> parameters, String format,
            @JsonProperty("notify") Boolean notifyWhenReady) {
    }

    @Operation(summary = "List the reports granted to your company, with their parameters")
    @GetMapping("/reports")
    List<ReportView> reports(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return runs.reports(user).stream().map(ReportView::of).toList();
    }

    @Operation(summary = "One report granted to your company, with its parameters")
    @GetMapping("/reports/{reportId}")
    ReportView report(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @PathVariable String reportId) {
        return ReportView.of(runs.report(user, reportId));
    }

    @Operation(summary = "Start a run of a granted report for your company",
            description = "Answers 202 with the queued run; follow its Location for its progress.")
    @PostMapping("/runs")
    ResponseEntity<RunView> start(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @RequestBody StartRun request) {
        if (request.report() == null || request.report().isBlank()) {
            throw new InvalidRequestException("report", "name the report to run");
        }
        ReportRun run = runs.start(user, request.report(), parameters(request.parameters()), format(request.format()),
                Boolean.TRUE.equals(request.notifyWhenReady()));
        return ResponseEntity.accepted().location(URI.create("/api/portal/runs/" + run.id())).body(views.api(run));
    }

    /**
     * A customer list to count.
     *
     * @param list its definition, as a JSON object or as text, as in a run's {@code parameters.list}
     */
    record CountList(Object list) {
    }

    @Operation(summary = "Count a customer list for your company before running it",
            description = "Each segment's customers, the result after each segment, and what consent leaves of them:"
                    + " the customers matched, those without a YES for your company at this moment (left out), and"
                    + " the number the list would share, which is the number of rows its file would have. Counts only:"
                    + " no customer's data. Refused as a run of the list would be, with the same field errors;"
                    + " 503 when the count takes too long.")
    @PostMapping("/customer-lists/count")
    ListCounts.ListCount count(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @RequestBody CountList request) {
        // Counted only for a company that may run customer lists, and always for the user's own company.
        runs.report(user, ReportCatalogue.CUSTOMER_LIST);
        return listCounts.count(request.list() == null ? null : text(request.list()), user.partnerCompanyId(),
                user.email());
    }

    @Operation(summary = "What your company's customer lists may choose from, in words",
            description = "Your company's events, contact preference answers, whom an order counts for, periods, and"
                    + " the columns with those your company's data-sharing agreement allows.")
    @GetMapping("/customer-lists/choices")
    ListChoices choices(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        runs.report(user, ReportCatalogue.CUSTOMER_LIST);
        return builder.forPartnerUser(user.partnerCompanyId());
    }

    @Operation(summary = "Your company's runs, the newest first, narrowed as on the history page",
            description = "The same filters as the page: report (its id), status, person (part of who asked), from"
                    + " and to (days, inclusive, on the venue's calendar). Continue with before=<the last run's id>"
                    + " for older runs, or after=<the first run's id> for newer ones.")
    @GetMapping("/runs")
    List<RunView> history(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @ParameterObject @ModelAttribute RunFilter filter, @RequestParam(defaultValue = "50") int limit) {
        return views.apis(runs.history(user, filter, Math.max(1, Math.min(limit, MAX_RUNS))).items());
    }

    @Operation(summary = "A run of your company: its status and the rows written so far")
    @GetMapping("/runs/{id}")
    RunView run(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user, @PathVariable long id) {
        return views.api(runs.run(user, id));
    }

    @Operation(summary = "Run a run of your company again, as it was asked",
            description = "The same report or saved report (at its current version), the same parameters as given (a"
                    + " relative period such as previous-week is resolved afresh) and the same format. Answers 202"
                    + " with the queued run.")
    @PostMapping("/runs/{id}/again")
    ResponseEntity<RunView> again(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @PathVariable long id) {
        ReportRun run = runs.again(user, id);
        return ResponseEntity.accepted().location(URI.create("/api/portal/runs/" + run.id())).body(views.api(run));
    }

    @Operation(summary = "Cancel a queued or running run of your company")
    @PostMapping("/runs/{id}/cancel")
    RunView cancel(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user, @PathVariable long id) {
        return views.api(runs.cancel(user, id));
    }

    @Operation(summary = "The customers a run of your company tells you to stop contacting",
            description = "Customers whose data your company received in an earlier list and who have since withdrawn"
                    + " their consent or been erased at their request: their id, the email address you were sent,"
                    + " why, and since when. An XLSX file holds them too, in its \"Withdrawn\" sheet.")
    @GetMapping("/runs/{id}/withdrawn")
    List<SharingLedger.Withdrawal> withdrawn(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @PathVariable long id) {
        return runs.withdrawals(user, id);
    }

    @Operation(summary = "Download the file of a completed run of your company",
            description = "410 when the file has expired.")
    @GetMapping("/runs/{id}/file")
    ResponseEntity<Resource> file(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @PathVariable long id, @Parameter(hidden = true) HttpServletRequest request) {
        return RunFileResponses.of(runs.download(user, id), request);
    }

    @Operation(summary = "Cumulative tickets sold, day by day, for your company's current events",
            description = "Events with a performance today or later; returns subtracted on the day they were made;"
                    + " comps not counted. Aggregates only.")
    @GetMapping("/sales-chart")
    SalesChart.Chart salesChart(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return salesChart.of(user.partnerCompanyId());
    }

    @ExceptionHandler(RunFileGone.class)
    ProblemDetail gone(RunFileGone gone) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, "The file of run "
                + gone.run().id() + " expired" + (gone.run().expiresAt() == null ? "" : " at " + gone.run().expiresAt())
                + " and was deleted. Run the report again for a fresh file.");
        problem.setTitle("File expired");
        return problem;
    }

    private Map<String, String> parameters(Map<String, Object> given) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((name, value) -> {
                if (value != null) {
                    parameters.put(name, text(value));
                }
            });
        }
        return parameters;
    }

    /** A parameter's value as a run takes it: text as given, anything else (a JSON object) as JSON. */
    private String text(Object value) {
        return value instanceof String text ? text : json.writeValueAsString(value);
    }

    /** The format asked for; null for none or one that is not a format, which the check refuses with the rest. */
    private static OutputFormat format(String format) {
        if (format == null || format.isBlank()) {
            return null;
        }
        try {
            return OutputFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
