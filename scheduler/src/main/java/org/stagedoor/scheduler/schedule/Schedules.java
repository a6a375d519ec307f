package org.stagedoor.scheduler.schedule;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.quartz.SchedulerException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.Audience;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunRequestCheck;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.delivery.Recipient;

/**
 * Administrators' operations on schedules: create, edit, pause, resume, delete, run now, and the
 * next fire times. A request that cannot be accepted fails with every problem named by field, and
 * nothing is saved; a schedule's row and its Quartz job change in one transaction.
 */
@Service
public class Schedules {

    /** How many fire times a preview shows. */
    public static final int PREVIEW = 5;

    private final ScheduleStore store;

    private final ScheduleTriggers triggers;

    private final ReportCatalogue catalogue;

    private final RunRequestCheck requestCheck;

    private final JdbcClient jdbc;

    private final VenueProperties venue;

    private final Clock clock;

    private final TransactionTemplate transaction;

    Schedules(ScheduleStore store, ScheduleTriggers triggers, ReportCatalogue catalogue, RunRequestCheck requestCheck,
            JdbcClient jdbc, VenueProperties venue, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.triggers = triggers;
        this.catalogue = catalogue;
        this.requestCheck = requestCheck;
        this.jdbc = jdbc;
        this.venue = venue;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A schedule with when it fires next (null when paused or never again). */
    public record ScheduleView(Schedule schedule, ZonedDateTime nextFire) {
    }

    public Schedule create(ScheduleRequest request) {
        ScheduleStore.Values values = check(request);
        return transaction.execute(status -> {
            long id = store.insert(values);
            Schedule schedule = store.find(id).orElseThrow();
            install(schedule);
            return schedule;
        });
    }

    public Schedule update(long id, ScheduleRequest request) {
        ScheduleStore.Values values = check(request);
        return transaction.execute(status -> {
            store.lock(id).filter(schedule -> schedule.deletedAt() == null).orElseThrow(() -> notFound(id));
            store.update(id, values);
            Schedule schedule = store.find(id).orElseThrow();
            install(schedule);
            return schedule;
        });
    }

    /** Stops firing until resumed; a fire missed meanwhile follows the misfire policy on resume. */
    public Schedule pause(long id) {
        return transaction.execute(status -> {
            existing(id);
            store.setEnabled(id, false);
            quartz(() -> triggers.pause(id));
            return store.find(id).orElseThrow();
        });
    }

    public Schedule resume(long id) {
        return transaction.execute(status -> {
            existing(id);
            store.setEnabled(id, true);
            quartz(() -> triggers.resume(id));
            return store.find(id).orElseThrow();
        });
    }

    /** Stops the schedule for good; its row stays so that its fires and deliveries remain explained. */
    public void delete(long id) {
        transaction.executeWithoutResult(status -> {
            existing(id);
            store.markDeleted(id);
            quartz(() -> triggers.remove(id));
        });
    }

    /** Fires the schedule now on whichever node takes it, without moving its next fire; paused or not. */
    public void runNow(long id, String requestedBy) {
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new InvalidRequestException("requestedBy", "say who asks for the run");
        }
        transaction.executeWithoutResult(status -> {
            existing(id);
            quartz(() -> triggers.scheduleRunNow(id, clock.instant(), requestedBy));
        });
    }

    public Optional<Schedule> find(long id) {
        return store.find(id);
    }

    public List<ScheduleView> list() {
        List<ScheduleView> views = new ArrayList<>();
        for (Schedule schedule : store.all()) {
            views.add(new ScheduleView(schedule, nextFire(schedule)));
        }
        return views;
    }

    /** When the schedule fires next as the cluster holds it, in its time zone; null when paused. */
    public ZonedDateTime nextFire(Schedule schedule) {
        if (!schedule.enabled()) {
            return null;
        }
        try {
            Instant next = triggers.nextFire(schedule.id());
            return next == null ? null : next.atZone(schedule.timeZone());
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("Could not read the triggers of schedule " + schedule.id(), ex);
        }
    }

    /** The next {@value #PREVIEW} fire times of a saved schedule, in its time zone. */
    public List<ZonedDateTime> preview(long id) {
        Schedule schedule = existing(id);
        return schedule.fireTimes().preview(clock.instant(), PREVIEW);
    }

    /** The next {@value #PREVIEW} fire times of a schedule being written; its time zone null for the venue's. */
    public List<ZonedDateTime> preview(When when, String timeZone) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = zone(timeZone, errors);
        FireTimes fireTimes = fireTimes(when, zone, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return fireTimes.preview(clock.instant(), PREVIEW);
    }

    private void install(Schedule schedule) {
        quartz(() -> triggers.install(schedule, clock.instant()));
    }

    private Schedule existing(long id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("schedule", id);
    }

    private interface QuartzCall {
        void run() throws SchedulerException;
    }

    private static void quartz(QuartzCall call) {
        try {
            call.run();
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("The schedule store refused the change: " + ex.getMessage(), ex);
        }
    }

    private ScheduleStore.Values check(ScheduleRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", name.isEmpty() ? "is required" : "is longer than 200 characters"));
        }
        if (request.requestedBy() == null || request.requestedBy().isBlank()) {
            errors.add(new FieldError("requestedBy", "say who asks for the schedule"));
        }
        ReportDefinition report = request.reportId() == null ? null : catalogue.find(request.reportId()).orElse(null);
        if (report == null) {
            errors.add(new FieldError("reportId", "is not a known report; reports: "
                    + String.join(", ", catalogue.all().stream().map(ReportDefinition::id).toList())));
        }
        if (request.format() == null) {
            errors.add(new FieldError("format", "choose CSV or XLSX"));
        }
        ZoneId zone = zone(request.timeZone(), errors);
        FireTimes fireTimes = fireTimes(request.when(), zone, errors);
        FanOut fanOut = request.fanOut();
        if (fanOut == null) {
            errors.add(new FieldError("fanOut", "choose for whom it runs: ONE_PARTNER, PARTNERS_WITH_EVENTS,"
                    + " PARTNERS_COLLECTING_PREFERENCES or VENUE"));
        }
        checkPartner(request, fanOut, errors);
        if (report != null && fanOut != null) {
            checkAudience(report, fanOut, errors);
        }
        if (report != null && errors.stream().noneMatch(error -> error.field().equals("partnerCompanyId"))) {
            checkParameters(request, report, fanOut, errors);
        }
        List<String> recipients = recipients(request, fanOut, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        DeliveryMode mode = request.deliveryMode() != null ? request.deliveryMode()
                // Personal data goes to partner companies as a link to the portal unless asked otherwise.
                : report.personalData() && fanOut.forPartners() ? DeliveryMode.LINK : DeliveryMode.ATTACHMENT;
        return new ScheduleStore.Values(name, report.id(), request.parameters(), request.format(),
                fireTimes.expression(), zone, request.misfirePolicy() == null ? MisfirePolicy.RUN_ONCE
                        : request.misfirePolicy(), fanOut, request.partnerCompanyId(), mode,
                request.sendToPartnerUsers(), recipients, request.enabled() == null || request.enabled(),
                request.requestedBy().strip());
    }

    private ZoneId zone(String timeZone, List<FieldError> errors) {
        if (timeZone == null || timeZone.isBlank()) {
            return venue.timeZone();
        }
        try {
            return ZoneId.of(timeZone.strip());
        }
        catch (DateTimeException ex) {
            errors.add(new FieldError("timeZone", "is not a time zone; use a region such as Europe/London"));
            return venue.timeZone();
        }
    }

    private FireTimes fireTimes(When when, ZoneId zone, List<FieldError> errors) {
        if (when == null) {
            errors.add(new FieldError("when", "give a cron expression or a preset (daily, weekly, monthly)"));
            return null;
        }
        String field = when.frequency() == null ? "when.cron" : "when";
        try {
            FireTimes fireTimes = FireTimes.of(when.expression(), zone);
            if (fireTimes.next(clock.instant()) == null) {
                errors.add(new FieldError(field, "never fires"));
            }
            return fireTimes;
        }
        catch (IllegalArgumentException ex) {
            // A preset's message is ours; the cron parser's quotes the expression, so it is not passed on.
            errors.add(new FieldError(field, when.frequency() == null
                    ? "must be a cron expression: six fields (second minute hour day-of-month month day-of-week), or"
                            + " five without the seconds"
                    : ex.getMessage()));
            return null;
        }
    }

    private void checkPartner(ScheduleRequest request, FanOut fanOut, List<FieldError> errors) {
        Long partner = request.partnerCompanyId();
        if (fanOut == FanOut.ONE_PARTNER && partner == null) {
            errors.add(new FieldError("partnerCompanyId", "name the partner company"));
        }
        else if (fanOut != null && fanOut != FanOut.ONE_PARTNER && partner != null) {
            errors.add(new FieldError("partnerCompanyId", "only a schedule for one partner company names one"));
        }
        else if (partner != null && jdbc.sql("select count(*) from partner_company where id = :id")
                .param("id", partner).query(Integer.class).single() == 0) {
            errors.add(new FieldError("partnerCompanyId", "no partner company has this id"));
        }
    }

    private static void checkAudience(ReportDefinition report, FanOut fanOut, List<FieldError> errors) {
        if (report.audience() == Audience.VENUE && fanOut.forPartners()) {
            errors.add(new FieldError("fanOut", "report " + report.id()
                    + " is for the venue only and cannot be run for or sent to partner companies"));
        }
        if (report.audience() == Audience.PARTNER && !fanOut.forPartners()) {
            errors.add(new FieldError("fanOut", "report " + report.id() + " runs for partner companies;"
                    + " choose one partner company or a fan-out over them"));
        }
        if (fanOut == FanOut.PARTNERS_WITH_EVENTS
                && report.parameters().stream().noneMatch(parameter -> parameter.type() == ParameterType.PERIOD)) {
            errors.add(new FieldError("fanOut", "report " + report.id() + " has no period, so \"partner companies"
                    + " with events in the period\" cannot be worked out; choose another fan-out"));
        }
    }

    /**
     * The parameters checked as a run would check them, for the schedule's partner company or, for a
     * fan-out, the first partner company (the checks do not depend on which).
     */
    private void checkParameters(ScheduleRequest request, ReportDefinition report, FanOut fanOut,
            List<FieldError> errors) {
        Long partner = fanOut == FanOut.ONE_PARTNER ? request.partnerCompanyId()
                : fanOut != null && fanOut.forPartners()
                        ? jdbc.sql("select min(id) from partner_company").query(Long.class).optional().orElse(null)
                        : null;
        if (fanOut != null && fanOut.forPartners() && partner == null) {
            return;
        }
        List<String> names = report.parameters().stream().map(ParameterDefinition::name).toList();
        try {
            requestCheck.check(new RunRequest(report.id(), partner, request.parameters(),
                    request.format() == null ? OutputFormat.CSV : request.format(),
                    "schedule check"));
        }
        catch (InvalidRequestException ex) {
            for (FieldError error : ex.errors()) {
                String root = error.field().split("[.\\[]", 2)[0];
                if (root.equals(RunRequest.PARAMETERS)) {
                    errors.add(error);
                }
                else if (names.contains(root)) {
                    errors.add(new FieldError("parameters." + error.field(), error.message()));
                }
            }
        }
    }

    private static List<String> recipients(ScheduleRequest request, FanOut fanOut, List<FieldError> errors) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (int i = 0; i < request.recipients().size(); i++) {
            String email = request.recipients().get(i) == null ? "" : request.recipients().get(i).strip();
            try {
                new InternetAddress(email, true).validate();
                // Also the outbox's own rule (a domain with a dot), so that a saved schedule can always be sent.
                if (!Recipient.isAddress(email)) {
                    throw new AddressException("missing domain");
                }
                unique.putIfAbsent(email.toLowerCase(Locale.ROOT), email);
            }
            catch (AddressException ex) {
                errors.add(new FieldError("recipients[" + i + "]", "is not an email address"));
            }
        }
        if (request.sendToPartnerUsers() && fanOut == FanOut.VENUE) {
            errors.add(new FieldError("sendToPartnerUsers", "a venue schedule has no partner company users to send to"));
        }
        if (request.recipients().isEmpty() && !request.sendToPartnerUsers()) {
            errors.add(new FieldError("recipients", "name at least one address, or send to the partner company's"
                    + " subscribed users"));
        }
        return new ArrayList<>(unique.values());
    }
}
