package org.stagedoor.admin;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.Audience;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.listbuilder.PeriodChoices;
import org.stagedoor.scheduler.schedule.CronWords;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.ListSends;
import org.stagedoor.scheduler.schedule.MisfirePolicy;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.security.StagedoorUser;

/**
 * Schedules: the list with each one's next fire in its own time zone; creating and editing one with a
 * preview of its next five fire times; pausing, resuming, running now and deleting. {@link Schedules} refuses a
 * schedule that cannot work with a message per field, and nothing is saved.
 */
@Controller
@RequestMapping("/admin/schedules")
class ScheduleController {

    /** The labels of the form's fields, for the summary of why it was refused. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("name", "Name"),
            Map.entry("savedReport", "Saved report"), Map.entry("parameters.period", "Period"),
            Map.entry("parameters.columns", "Columns"), Map.entry("parameters", "Settings"),
            Map.entry("format", "File"), Map.entry("whenMode", "When"), Map.entry("when", "When"),
            Map.entry("timeZone", "Time zone"), Map.entry("misfirePolicy", "When a send is missed"),
            Map.entry("fanOut", "For whom"), Map.entry("partnerCompanyId", "Partner company"),
            Map.entry("recipients", "Recipients"), Map.entry("sendToPartnerUsers", "Subscribed users"),
            Map.entry("deliveryMode", "Delivery"), Map.entry("sends", "Send"), Map.entry("requestedBy", "Who asks"));

    private final Schedules schedules;

    private final ReportCatalogue catalogue;

    private final PartnerCompanies companies;

    private final VenueProperties venue;

    private final ScheduleOperations operations;

    private final SavedReports saved;

    private final Clock clock;

    private final ScheduleSends sends;

    ScheduleController(Schedules schedules, ReportCatalogue catalogue, PartnerCompanies companies,
            VenueProperties venue, ScheduleOperations operations, SavedReports saved, Clock clock,
            ScheduleSends sends) {
        this.schedules = schedules;
        this.sends = sends;
        this.saved = saved;
        this.clock = clock;
        this.catalogue = catalogue;
        this.companies = companies;
        this.venue = venue;
        this.operations = operations;
    }

    /** A schedule on the list: what it runs and with which settings, and when, in words. */
    public record Row(Schedules.ScheduleView view, String savedReportName, boolean savedReportLive,
            List<ScheduleWords.Setting> settings, String when) {
    }

    @GetMapping
    String list(Model model) {
        LocalDate today = today();
        List<Row> rows = new ArrayList<>();
        for (Schedules.ScheduleView view : schedules.list()) {
            Schedule schedule = view.schedule();
            SavedReport definition = saved.find(schedule.savedReportId()).orElse(null);
            ReportDefinition report = catalogue.find(schedule.reportId()).orElse(null);
            rows.add(new Row(view, definition == null ? "a saved report that no longer exists" : definition.name(),
                    definition != null && !definition.isRetired(),
                    definition == null || report == null ? List.of()
                            : ScheduleWords.settings(report, definition, schedule.parameters(), schedule.format(),
                                    today),
                    view.when()));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("partnerNames", companies.all().stream()
                .collect(Collectors.toMap(company -> company.id(), company -> company.name())));
        return "admin/schedules";
    }

    @GetMapping("/new")
    ModelAndView newSchedule() {
        return formPage(null, ScheduleForm.blank(venue.timeZone().getId()), FieldMessages.NONE, null, HttpStatus.OK);
    }

    @PostMapping
    ModelAndView create(@ModelAttribute("form") ScheduleForm form, @RequestParam(defaultValue = "save") String action,
            @AuthenticationPrincipal StagedoorUser user) {
        if (action.equals("preview")) {
            return preview(null, form);
        }
        if (action.equals("choose")) {
            return choose(null, form);
        }
        try {
            Schedule schedule = operations.create(form.toRequest(user.email(), chosenReport(form)), user.email());
            return new ModelAndView("redirect:/admin/schedules/" + schedule.id() + "?created");
        }
        catch (InvalidRequestException ex) {
            return formPage(null, form, FieldMessages.of(ex), null, HttpStatus.BAD_REQUEST);
        }
    }

    /** The schedule's form, and its recent sends: the newest, or those before the send {@code before}. */
    @GetMapping("/{id}")
    ModelAndView schedule(@PathVariable long id, @RequestParam(required = false) Long before) {
        Schedule schedule = existing(id);
        SavedReport definition = saved.find(schedule.savedReportId()).orElse(null);
        ScheduleForm form = ScheduleForm.of(schedule, definition, catalogue.find(schedule.reportId()).orElse(null));
        ModelAndView page = formPage(schedule, form, FieldMessages.NONE, schedules.preview(id), HttpStatus.OK);
        if (before != null) {
            page.addObject("sends", sends.recent(id, schedule.timeZone(), before));
            page.addObject("olderPage", true);
        }
        return page;
    }

    @PostMapping("/{id}")
    ModelAndView update(@PathVariable long id, @ModelAttribute("form") ScheduleForm form,
            @RequestParam(defaultValue = "save") String action, @AuthenticationPrincipal StagedoorUser user) {
        Schedule before = existing(id);
        if (action.equals("preview")) {
            return preview(before, form);
        }
        if (action.equals("choose")) {
            return choose(before, form);
        }
        try {
            operations.update(id, form.toRequest(user.email(), chosenReport(form)), user.email());
            return new ModelAndView("redirect:/admin/schedules/" + id + "?saved");
        }
        catch (InvalidRequestException ex) {
            return formPage(before, form, FieldMessages.of(ex), null, HttpStatus.BAD_REQUEST);
        }
    }

    @PostMapping("/{id}/pause")
    String pause(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        operations.pause(id, user.email());
        return "redirect:/admin/schedules?paused=" + id;
    }

    @PostMapping("/{id}/resume")
    String resume(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        operations.resume(id, user.email());
        return "redirect:/admin/schedules?resumed=" + id;
    }

    /** Fires the schedule now on whichever node takes it; its next fire stays where it was. */
    @PostMapping("/{id}/run-now")
    String runNow(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        operations.runNow(id, user.email());
        return "redirect:/admin/schedules?ran=" + id;
    }

    /** Stops the schedule for good; its row stays, so its fires and deliveries remain explained. */
    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        operations.delete(id, user.email());
        return "redirect:/admin/schedules?deleted=" + id;
    }

    private ModelAndView preview(Schedule schedule, ScheduleForm form) {
        try {
            List<ZonedDateTime> times = schedules.preview(form.toWhen(), form.getTimeZone());
            return formPage(schedule, form, FieldMessages.NONE, times, HttpStatus.OK);
        }
        catch (InvalidRequestException ex) {
            return formPage(schedule, form, FieldMessages.of(ex), null, HttpStatus.BAD_REQUEST);
        }
    }

    /** Shows the chosen saved report's open settings, at its values; nothing is saved. */
    private ModelAndView choose(Schedule schedule, ScheduleForm form) {
        form.setParameters(null);
        form.setColumns(null);
        form.setPeriodFrom(null);
        form.setPeriodTo(null);
        form.setFormat(null);
        return formPage(schedule, form, FieldMessages.NONE, null, HttpStatus.OK);
    }

    /** The report of the saved report the form names, if it names a live one. */
    private ReportDefinition chosenReport(ScheduleForm form) {
        return chosen(form).flatMap(definition -> catalogue.find(definition.reportId())).orElse(null);
    }

    private Optional<SavedReport> chosen(ScheduleForm form) {
        Long id = form.savedReportId();
        return id == null ? Optional.empty() : saved.find(id).filter(definition -> !definition.isRetired());
    }

    private Schedule existing(long id) {
        return schedules.find(id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    private ModelAndView formPage(Schedule schedule, ScheduleForm form, FieldMessages errors,
            List<ZonedDateTime> preview, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/schedule");
        page.addObject("schedule", schedule);
        ZonedDateTime nextFire = schedule == null ? null : schedules.nextFire(schedule);
        page.addObject("nextFire", nextFire);
        page.addObject("nextSend", CronWords.moment(nextFire));
        page.addObject("savedWhen", schedule == null ? null
                : CronWords.describe(schedule.cronExpression(), schedule.timeZone()));
        page.addObject("formWhen", errors.any() ? null : whenWords(form));
        // The newest sends, also under a refused edit: the page is the schedule's page all the same.
        page.addObject("sends", schedule == null ? null : sends.recent(schedule.id(), schedule.timeZone(), null));
        page.addObject("olderPage", false);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("preview", preview);
        LocalDate today = today();
        SavedReport definition = chosen(form).orElse(null);
        ReportDefinition report = definition == null ? null : catalogue.find(definition.reportId()).orElse(null);
        if (definition != null && report != null) {
            form.fillOpen(definition, report);
        }
        page.addObject("choices", choices());
        page.addObject("definition", report == null ? null : definition);
        page.addObject("report", report);
        page.addObject("open", report == null ? List.of() : report.parameters().stream()
                .filter(parameter -> definition.isOpen(parameter.name())).toList());
        page.addObject("fixed", report == null ? List.of() : ScheduleWords.fixed(report, definition, today));
        page.addObject("formatOpen", definition != null && definition.isOpen(SavedReport.FORMAT));
        page.addObject("periods", periods(form, today));
        page.addObject("problems", problems(errors));
        // A company's own list goes to that company alone.
        Long owner = definition == null ? null : definition.ownerPartnerCompanyId();
        page.addObject("partners", companies.all().stream()
                .filter(company -> owner == null || owner.equals(company.id())).toList());
        page.addObject("formats", OutputFormat.values());
        page.addObject("whenModes", List.of(ScheduleForm.WhenMode.DAILY, ScheduleForm.WhenMode.WEEKLY,
                ScheduleForm.WhenMode.MONTHLY, ScheduleForm.WhenMode.CRON));
        page.addObject("days", DayOfWeek.values());
        page.addObject("misfirePolicies", MisfirePolicy.values());
        page.addObject("fanOuts", fanOuts(definition, report));
        page.addObject("deliveryModes", DeliveryMode.values());
        page.addObject("listSends", ListSends.values());
        page.setStatus(status);
        return page;
    }

    /** A group of saved reports in the chooser: the venue's, or one partner company's own lists. */
    public record Choice(String label, List<SavedReport> definitions) {
    }

    /** Why the form was refused, with the field's label instead of its name. */
    public record Problem(String label, String message) {
    }

    private List<Choice> choices() {
        Map<Long, String> names = companies.all().stream()
                .collect(Collectors.toMap(company -> company.id(), company -> company.name()));
        Map<Long, List<SavedReport>> byOwner = new LinkedHashMap<>();
        List<SavedReport> venue = new ArrayList<>();
        for (SavedReport definition : saved.all()) {
            if (definition.ownedByVenue()) {
                venue.add(definition);
            }
            else {
                byOwner.computeIfAbsent(definition.ownerPartnerCompanyId(), owner -> new ArrayList<>()).add(definition);
            }
        }
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("The venue's saved reports and lists", venue));
        byOwner.forEach((owner, definitions) -> choices.add(new Choice("Made by " + names.get(owner)
                + " for itself (sent to it only)", definitions)));
        return choices;
    }

    /**
     * The run form's period chooser, with the form's own value first when it is none of its periods (one set through
     * the API, such as the last 14 days).
     */
    private static List<PeriodChoices.Choice> periods(ScheduleForm form, LocalDate today) {
        List<PeriodChoices.Choice> periods = new ArrayList<>();
        for (String value : form.getParameters().values()) {
            if (PeriodChoices.name(value) == null && value.matches("(last|next)-\\d+-days")) {
                periods.add(new PeriodChoices.Choice(value, ScheduleWords.periodChoice(value, today)));
            }
        }
        periods.addAll(PeriodChoices.asOf(today, "Custom dates (below)"));
        return periods;
    }

    /**
     * For whom the chosen saved report can run: a venue-only report for the venue, a partner report for partner
     * companies (by performances in the period only when it has one), a company's own list for that company alone.
     */
    private static List<FanOut> fanOuts(SavedReport definition, ReportDefinition report) {
        if (definition == null || report == null) {
            return List.of(FanOut.values());
        }
        if (definition.ownerPartnerCompanyId() != null) {
            return List.of(FanOut.ONE_PARTNER);
        }
        boolean period = report.parameters().stream().anyMatch(parameter -> parameter.type() == ParameterType.PERIOD);
        return Arrays.stream(FanOut.values())
                .filter(fanOut -> report.audience() != Audience.VENUE || !fanOut.forPartners())
                .filter(fanOut -> report.audience() != Audience.PARTNER || fanOut.forPartners())
                .filter(fanOut -> period || fanOut != FanOut.PARTNERS_WITH_EVENTS)
                .toList();
    }

    /** The form's time in words, as it would be saved; null while it cannot be read. */
    private String whenWords(ScheduleForm form) {
        try {
            String expression = form.toWhen().expression();
            ZoneId zone = form.getTimeZone().isBlank() ? venue.timeZone() : ZoneId.of(form.getTimeZone().strip());
            return CronWords.problem(expression) == null ? CronWords.describe(expression, zone) : null;
        }
        catch (RuntimeException ex) {
            // Not readable yet: the form says why when it is sent.
            return null;
        }
    }

    private static List<Problem> problems(FieldMessages errors) {
        return errors.all().stream().map(error -> new Problem(LABELS.getOrDefault(
                error.field().replaceFirst("\\[\\d+]$", ""), LABELS.getOrDefault(error.field().split("\\.")[0],
                        "The schedule")), error.message())).toList();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(venue.timeZone()));
    }
}
