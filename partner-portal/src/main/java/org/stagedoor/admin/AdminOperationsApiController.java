package org.stagedoor.admin;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.find.RunFilter;
import org.stagedoor.scheduler.delivery.Deliveries;
import org.stagedoor.scheduler.delivery.Delivery;
import org.stagedoor.scheduler.delivery.DeliveryStatus;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.ApiController;

/**
 * The administrators' JSON API for what runs: schedules (with their next fire), runs and the mail outbox. The same
 * services and the same audit entries as the console's pages ({@link ScheduleController}, {@link RunController},
 * {@link DeliveryController}). Refused requests answer 400 as problem details with one entry per field; unknown
 * ids 404.
 */
@ApiController("/api/admin")
@Tag(name = "Administration", description = "Schedules, runs and deliveries")
class AdminOperationsApiController {

    private static final int MAX_LIMIT = 1000;

    private final Schedules schedules;

    private final ConsoleQueries queries;

    private final RunOperations runs;

    private final Deliveries deliveries;

    private final ScheduleOperations operations;

    private final DeliveryOperations deliveryOperations;

    AdminOperationsApiController(Schedules schedules, ConsoleQueries queries, RunOperations runs,
            Deliveries deliveries, ScheduleOperations operations, DeliveryOperations deliveryOperations) {
        this.schedules = schedules;
        this.queries = queries;
        this.runs = runs;
        this.deliveries = deliveries;
        this.operations = operations;
        this.deliveryOperations = deliveryOperations;
    }

    /**
     * A schedule as written: the fields of the console's form. The time is a cron expression ({@code whenMode}
     * {@code CRON} and {@code cron}) or a preset ({@code DAILY}, {@code WEEKLY}, {@code MONTHLY} with {@code at},
     * {@code dayOfWeek}, {@code dayOfMonth}). What it sends is a saved report or list ({@code savedReport}, its id),
     * with values for the settings it leaves open ({@code parameters}, as {@code {"period": "previous-week"}}) and
     * the file ({@code format}, CSV or XLSX) when it leaves that open; left out, they are the saved report's. A
     * refusal names the JSON field: {@code savedReport}, {@code cron}, {@code at}, {@code recipients[1]},
     * {@code parameters.period}...
     */
    record ScheduleBody(String name, Long savedReport, Map<String, String> parameters, String format, String whenMode,
            String cron, String at, String dayOfWeek, String dayOfMonth, String timeZone, String misfirePolicy,
            String fanOut, Long partnerCompanyId, List<String> recipients, String deliveryMode,
            Boolean sendToPartnerUsers, Boolean enabled, String sends) {

        ScheduleForm toForm() {
            ScheduleForm form = new ScheduleForm();
            form.setName(name);
            form.setSavedReport(savedReport == null ? null : savedReport.toString());
            form.setParameters(parameters == null ? null : new java.util.LinkedHashMap<>(parameters));
            if (format != null) {
                form.setFormat(format);
            }
            form.setWhenMode(whenMode != null ? whenMode : cron != null ? ScheduleForm.WhenMode.CRON.name() : null);
            form.setCron(cron);
            if (at != null) {
                form.setAt(at);
            }
            if (dayOfWeek != null) {
                form.setDayOfWeek(dayOfWeek);
            }
            if (dayOfMonth != null) {
                form.setDayOfMonth(dayOfMonth);
            }
            form.setTimeZone(timeZone);
            if (misfirePolicy != null) {
                form.setMisfirePolicy(misfirePolicy);
            }
            if (fanOut != null) {
                form.setFanOut(fanOut);
            }
            form.setPartnerCompanyId(partnerCompanyId == null ? "" : partnerCompanyId.toString());
            form.setRecipients(recipients == null ? "" : String.join("\n", recipients));
            form.setDeliveryMode(deliveryMode);
            form.setSends(sends);
            form.setSendToPartnerUsers(Boolean.TRUE.equals(sendToPartnerUsers));
            form.setEnabled(!Boolean.FALSE.equals(enabled));
            return form;
        }
    }

    @Operation(summary = "Schedules, each with its next fire in its own time zone (null when paused)",
            description = "nextFire carries the offset of the schedule's zone at that time; beside the schedule's"
                    + " cron, when and nextSend say the same in words (\"Every Monday at 07:00 (Paris time)\").")
    @GetMapping("/schedules")
    List<Schedules.ScheduleView> schedules() {
        return schedules.list();
    }

    @Operation(summary = "Create a schedule", description = "Answers 201 with the schedule and its next fire;"
            + " a schedule that cannot work is refused with a message per field, and nothing is saved.")
    @PostMapping("/schedules")
    ResponseEntity<Schedules.ScheduleView> create(@RequestBody ScheduleBody body,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        Schedule schedule;
        try {
            // The API sends the open parameters as the report takes them: no console fields to fold in.
            schedule = operations.create(body.toForm().toRequest(user.email(), null), user.email());
        }
        catch (InvalidRequestException ex) {
            throw asJsonFields(ex);
        }
        return ResponseEntity.created(URI.create("/api/admin/schedules/" + schedule.id()))
                .body(new Schedules.ScheduleView(schedule, schedules.nextFire(schedule)));
    }

    @Operation(summary = "Pause a schedule")
    @PostMapping("/schedules/{id}/pause")
    Schedules.ScheduleView pause(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        Schedule schedule = operations.pause(id, user.email());
        return new Schedules.ScheduleView(schedule, schedules.nextFire(schedule));
    }

    @Operation(summary = "Resume a paused schedule")
    @PostMapping("/schedules/{id}/resume")
    Schedules.ScheduleView resume(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        Schedule schedule = operations.resume(id, user.email());
        return new Schedules.ScheduleView(schedule, schedules.nextFire(schedule));
    }

    @Operation(summary = "Fire a schedule now", description = "On whichever node takes it; its next fire stays"
            + " where it was. Answers 202.")
    @PostMapping("/schedules/{id}/run-now")
    ResponseEntity<Void> runNow(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        operations.runNow(id, user.email());
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Delete a schedule", description = "It stops for good; its row stays, so that its fires"
            + " and deliveries remain explained.")
    @DeleteMapping("/schedules/{id}")
    ResponseEntity<Void> delete(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        operations.delete(id, user.email());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Runs, newest first, narrowed as on the console's runs page",
            description = "The same filters as the page: report (its id), company (a partner company's id, or"
                    + " 'venue' for the venue's own), status, person (part of who asked), from and to (days,"
                    + " inclusive, on the venue's calendar). Continue with before=<the last run's id> for older"
                    + " runs, or after=<the first run's id> for newer ones.")
    @GetMapping("/runs")
    List<ConsoleQueries.RunRow> runs(@ParameterObject @ModelAttribute RunFilter filter,
            @RequestParam(defaultValue = "200") int limit) {
        return queries.runs(filter, Math.max(1, Math.min(limit, MAX_LIMIT))).items();
    }

    @Operation(summary = "Restart a FAILED or STOPPED run", description = "Queued on the scheduler cluster; answers"
            + " 202. It then shows QUEUED, RUNNING, then how it ended in the runs.")
    @PostMapping("/runs/{id}/restart")
    ResponseEntity<Void> restart(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        runs.restart(id, user.email());
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Ask a RUNNING run to stop", description = "At its next chunk; it is then STOPPED and can"
            + " be restarted. Answers 202.")
    @PostMapping("/runs/{id}/stop")
    ResponseEntity<Void> stop(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        runs.stop(id, user.email());
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "The mail outbox, newest first, all of it or of one status")
    @GetMapping("/deliveries")
    List<Delivery> deliveries(@RequestParam(required = false) DeliveryStatus status,
            @RequestParam(defaultValue = "200") int limit) {
        return deliveries.recent(status, Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    @Operation(summary = "Send a FAILED or UNKNOWN delivery again")
    @PostMapping("/deliveries/{id}/retry")
    Delivery retry(@PathVariable long id, @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return deliveryOperations.retry(id, user.email());
    }

    /**
     * The refusal with its fields named as in the JSON body: the form's time is flat ({@code cron}, {@code at}...)
     * where the request names it {@code when.cron}, {@code when.at}...; {@code when} itself is {@code whenMode}.
     */
    private static InvalidRequestException asJsonFields(InvalidRequestException ex) {
        return new InvalidRequestException(ex.errors().stream().map(error -> new FieldError(
                error.field().equals("when") ? "whenMode"
                        : error.field().startsWith("when.") ? error.field().substring("when.".length())
                        : error.field(), error.message())).toList());
    }
}
