package org.stagedoor.admin;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.MisfirePolicy;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
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

    private final Schedules schedules;

    private final ReportCatalogue catalogue;

    private final PartnerCompanies companies;

    private final VenueProperties venue;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    private final ScheduleOperations operations;

    ScheduleController(Schedules schedules, ReportCatalogue catalogue, PartnerCompanies companies,
            VenueProperties venue, AuditLog audit, PlatformTransactionManager transactions,
            ScheduleOperations operations) {
        this.schedules = schedules;
        this.catalogue = catalogue;
        this.companies = companies;
        this.venue = venue;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.operations = operations;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("schedules", schedules.list());
        model.addAttribute("partnerNames", companies.all().stream()
                .collect(Collectors.toMap(company -> company.id(), company -> company.name())));
        model.addAttribute("reportTitles", reportTitles());
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
        try {
            ScheduleRequest request = form.toRequest(user.email());
            Schedule schedule = transaction.execute(status -> {
                Schedule created = schedules.create(request);
                audit.record(user.email(), AuditLog.Kind.ADMIN_CHANGE, created.partnerCompanyId(), null, null,
                        "created schedule " + created.id() + " " + describe(created));
                return created;
            });
            return new ModelAndView("redirect:/admin/schedules/" + schedule.id() + "?created");
        }
        catch (InvalidRequestException ex) {
            return formPage(null, form, FieldMessages.of(ex), null, HttpStatus.BAD_REQUEST);
        }
    }

    @GetMapping("/{id}")
    ModelAndView schedule(@PathVariable long id) {
        Schedule schedule = existing(id);
        return formPage(schedule, ScheduleForm.of(schedule), FieldMessages.NONE, schedules.preview(id), HttpStatus.OK);
    }

    @PostMapping("/{id}")
    ModelAndView update(@PathVariable long id, @ModelAttribute("form") ScheduleForm form,
            @RequestParam(defaultValue = "save") String action, @AuthenticationPrincipal StagedoorUser user) {
        Schedule before = existing(id);
        if (action.equals("preview")) {
            return preview(before, form);
        }
        try {
            ScheduleRequest request = form.toRequest(user.email());
            transaction.executeWithoutResult(status -> {
                Schedule after = schedules.update(id, request);
                audit.record(user.email(), AuditLog.Kind.ADMIN_CHANGE, after.partnerCompanyId(), null, null,
                        "changed schedule " + id + " to " + describe(after));
            });
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

    private Schedule existing(long id) {
        return schedules.find(id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    private ModelAndView formPage(Schedule schedule, ScheduleForm form, FieldMessages errors,
            List<ZonedDateTime> preview, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/schedule");
        page.addObject("schedule", schedule);
        page.addObject("nextFire", schedule == null ? null : schedules.nextFire(schedule));
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("preview", preview);
        page.addObject("reports", catalogue.all());
        page.addObject("parameterFields", parameterFields());
        page.addObject("partners", companies.all());
        page.addObject("formats", OutputFormat.values());
        page.addObject("whenModes", ScheduleForm.WhenMode.values());
        page.addObject("days", DayOfWeek.values());
        page.addObject("misfirePolicies", MisfirePolicy.values());
        page.addObject("fanOuts", FanOut.values());
        page.addObject("deliveryModes", DeliveryMode.values());
        page.setStatus(status);
        return page;
    }

    /** One input per parameter name of the catalogue, with the reports that take it. */
    private List<ParameterField> parameterFields() {
        Map<String, ParameterField> fields = new LinkedHashMap<>();
        for (ReportDefinition report : catalogue.all()) {
            for (ParameterDefinition parameter : report.parameters()) {
                ParameterField known = fields.get(parameter.name());
                fields.put(parameter.name(), known == null
                        ? new ParameterField(parameter, report.id())
                        : new ParameterField(known.definition(), known.reports() + ", " + report.id()));
            }
        }
        return List.copyOf(fields.values());
    }

    private Map<String, String> reportTitles() {
        return catalogue.all().stream().collect(Collectors.toMap(ReportDefinition::id, ReportDefinition::title));
    }

    static String describe(Schedule schedule) {
        return "'" + schedule.name() + "': " + schedule.reportId() + " " + schedule.parameters() + " as "
                + schedule.format() + ", at '" + schedule.cronExpression() + "' " + schedule.timeZone() + ", "
                + schedule.fanOut() + (schedule.partnerCompanyId() == null ? "" : " " + schedule.partnerCompanyId())
                + ", to " + schedule.recipients() + (schedule.sendToPartnerUsers() ? " and subscribed users" : "")
                + " by " + schedule.deliveryMode() + (schedule.enabled() ? "" : ", paused");
    }

    /** A report parameter on the form, and the reports that take it. */
    public record ParameterField(ParameterDefinition definition, String reports) {

        public boolean isCustomerList() {
            return definition.type() == ParameterType.CUSTOMER_LIST;
        }
    }
}
