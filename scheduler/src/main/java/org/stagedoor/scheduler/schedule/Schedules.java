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
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;
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

    /** The cron parser's "Invalid value for MinuteOfHour (valid values 0 - 59)", read for the field and range. */
    /** The field of a refusal of the chosen parameters; one parameter's is {@code parameters.<name>}. */
    public static final String PARAMETERS = "parameters";

    /** How many fire times a preview shows. */
    public static final int PREVIEW = 5;

    private final ScheduleStore store;

    private final ScheduleTriggers triggers;

    private final ReportCatalogue catalogue;

    private final RunRequestCheck requestCheck;

    private final SavedReports saved;

    private final JdbcClient jdbc;

    private final VenueProperties venue;

    private final Clock clock;

    private final TransactionTemplate transaction;

    private final PartnerCompanies companies;

    Schedules(ScheduleStore store, ScheduleTriggers triggers, ReportCatalogue catalogue, RunRequestCheck requestCheck,
            SavedReports saved, JdbcClient jdbc, VenueProperties venue, Clock clock,
            PlatformTransactionManager transactions, PartnerCompanies companies) {
        this.companies = companies;
        this.store = store;
        this.triggers = triggers;
        this.catalogue = catalogue;
        this.requestCheck = requestCheck;
        this.saved = saved;
        this.jdbc = jdbc;
        this.venue = venue;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * A schedule with when it fires next in its own time zone (null when paused or never again), and both in words:
     * "Every Monday at 09:00 (London time)", "Monday 7 December 2026 at 09:00 (London time)".
     */
    public record ScheduleView(Schedule schedule, ZonedDateTime nextFire, String when, String nextSend) {

        public ScheduleView(Schedule schedule, ZonedDateTime nextFire) {
            this(schedule, nextFire, CronWords.describe(schedule.cronExpression(), schedule.timeZone()),
                    CronWords.moment(nextFire));
        }
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
        SavedReport definition = definition(request.savedReport(), errors);
        ReportDefinition report = definition == null ? null : catalogue.find(definition.reportId()).orElse(null);
        ZoneId zone = zone(request.timeZone(), errors);
        FireTimes fireTimes = fireTimes(request.when(), zone, errors);
        FanOut fanOut = request.fanOut();
        if (fanOut == null) {
            errors.add(new FieldError("fanOut", "choose for whom it runs: one partner company, every partner company"
                    + " with performances in the period, every partner company collecting preferences, or the venue"));
        }
        checkPartner(request, fanOut, errors);
        if (report != null && fanOut != null) {
            checkOwner(definition, fanOut, request.partnerCompanyId(), errors);
            checkAudience(definition, report, fanOut, errors);
        }
        Map<String, String> chosen = report == null ? Map.of() : chosen(definition, report, request, errors);
        if (report != null && errors.stream().noneMatch(error -> error.field().equals("partnerCompanyId"))) {
            checkRun(definition, report, request, fanOut, errors);
        }
        List<String> recipients = recipients(request, fanOut, errors);
        ListSends sends = request.sends() == null ? ListSends.WHOLE_LIST : request.sends();
        if (sends == ListSends.CHANGES && definition != null && report != null
                && !(isList(report) && fanOut != null && fanOut.forPartners())) {
            errors.add(new FieldError("sends", "only a list of customers sent to partner companies can send only the"
                    + " changes; \"" + definition.name() + "\" is sent whole each time"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        DeliveryMode mode = request.deliveryMode() != null ? request.deliveryMode()
                // Personal data goes to partner companies as a link to the portal unless asked otherwise.
                : report.personalData() && fanOut.forPartners() ? DeliveryMode.LINK : DeliveryMode.ATTACHMENT;
        // Kept only when the definition leaves the file to the schedule; otherwise each fire makes the definition's.
        OutputFormat format = definition.isOpen(SavedReport.FORMAT) ? request.format() : null;
        return new ScheduleStore.Values(name, definition.id(), definition.reportId(), chosen, format,
                fireTimes.expression(), zone, request.misfirePolicy() == null ? MisfirePolicy.RUN_ONCE
                        : request.misfirePolicy(), fanOut, request.partnerCompanyId(), mode,
                request.sendToPartnerUsers(), recipients, request.enabled() == null || request.enabled(),
                request.requestedBy().strip(), sends);
    }

    /** Whether the report is a personal-data list, the only kind that can be sent as its changes. */
    static boolean isList(ReportDefinition report) {
        return report.isCustomerList() || report.id().equals(ReportCatalogue.OPTIN_LIST);
    }

    /** The live definition the schedule names, or a field error saying why there is none. */
    private SavedReport definition(Long id, List<FieldError> errors) {
        if (id == null) {
            errors.add(new FieldError("savedReport", "choose a saved report or list"));
            return null;
        }
        SavedReport definition = saved.find(id).orElse(null);
        if (definition == null || catalogue.find(definition.reportId()).isEmpty()) {
            errors.add(new FieldError("savedReport", "is not a saved report or list"));
            return null;
        }
        if (definition.isRetired()) {
            errors.add(new FieldError("savedReport", "\"" + definition.name() + "\" was withdrawn; choose another"));
            return null;
        }
        return definition;
    }

    /**
     * A partner company's own list holds what its users chose for their company: the venue may send it to that
     * company, never run it for another, nor fan it out.
     */
    private void checkOwner(SavedReport definition, FanOut fanOut, Long partner, List<FieldError> errors) {
        Long owner = definition.ownerPartnerCompanyId();
        if (owner != null && (fanOut != FanOut.ONE_PARTNER || !owner.equals(partner))) {
            String company = companyName(owner);
            errors.add(new FieldError("savedReport", "\"" + definition.name() + "\" is a list " + company
                    + " made for itself: it can be scheduled only for " + company + " (one partner company)"));
        }
    }

    private static void checkAudience(SavedReport definition, ReportDefinition report, FanOut fanOut,
            List<FieldError> errors) {
        String quoted = "\"" + definition.name() + "\"";
        if (report.audience() == Audience.VENUE && fanOut.forPartners()) {
            errors.add(new FieldError("fanOut", quoted + " is for the venue's staff only and cannot be run for or"
                    + " sent to partner companies"));
        }
        if (report.audience() == Audience.PARTNER && !fanOut.forPartners()) {
            errors.add(new FieldError("fanOut", quoted + " runs for partner companies; choose one partner company or"
                    + " every partner company of a kind"));
        }
        if (fanOut == FanOut.PARTNERS_WITH_EVENTS
                && report.parameters().stream().noneMatch(parameter -> parameter.type() == ParameterType.PERIOD)) {
            errors.add(new FieldError("fanOut", quoted + " has no period, so \"partner companies with performances in"
                    + " the period\" cannot be worked out; choose another"));
        }
    }

    /**
     * The values the schedule keeps: those given for the definition's open parameters. A setting the report does
     * not have is refused here, once whatever it is; one the definition fixes is refused by the run's own check.
     */
    private static Map<String, String> chosen(SavedReport definition, ReportDefinition report,
            ScheduleRequest request, List<FieldError> errors) {
        List<String> names = report.parameters().stream().map(ParameterDefinition::name).toList();
        Map<String, String> chosen = new LinkedHashMap<>();
        request.parameters().forEach((parameter, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            if (!names.contains(parameter)) {
                // The name is the client's text: not repeated, not even as the field.
                errors.add(new FieldError(PARAMETERS, "names a setting \"" + definition.name() + "\" does not have"));
            }
            else if (definition.isOpen(parameter)) {
                chosen.put(parameter, value.strip());
            }
        });
        return chosen;
    }

    /**
     * The run a fire would ask for, checked as the run would check it: for the schedule's partner company or, for a
     * fan-out, the first partner company (the checks do not depend on which).
     */
    private void checkRun(SavedReport definition, ReportDefinition report, ScheduleRequest request, FanOut fanOut,
            List<FieldError> errors) {
        Long partner = fanOut == FanOut.ONE_PARTNER ? request.partnerCompanyId()
                : fanOut != null && fanOut.forPartners()
                        ? jdbc.sql("select min(id) from partner_company").query(Long.class).optional().orElse(null)
                        : null;
        if (fanOut != null && fanOut.forPartners() && partner == null) {
            return;
        }
        List<String> names = report.parameters().stream().map(ParameterDefinition::name).toList();
        Map<String, String> given = new LinkedHashMap<>(request.parameters());
        given.keySet().retainAll(names);
        try {
            requestCheck.check(saved.runRequest(definition, partner, given, request.format(), "schedule check"));
        }
        catch (InvalidRequestException ex) {
            for (FieldError error : ex.errors()) {
                String root = error.field().split("[.\\[]", 2)[0];
                if (names.contains(root)) {
                    errors.add(new FieldError(PARAMETERS + "." + error.field(), error.message()));
                }
                else if (root.equals(RunRequest.PARAMETERS) || root.equals("format") || root.equals("savedReport")) {
                    errors.add(error);
                }
            }
        }
    }

    private String companyName(long partnerCompanyId) {
        return companies.name(partnerCompanyId).orElse("a partner company");
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
        String problem = when.frequency() == null ? CronWords.problem(when.cron()) : null;
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return null;
        }
        try {
            FireTimes fireTimes = FireTimes.of(when.expression(), zone);
            if (fireTimes.next(clock.instant()) == null) {
                errors.add(new FieldError(field, "That schedule never sends: no date ever matches it"));
            }
            return fireTimes;
        }
        catch (IllegalArgumentException ex) {
            // A preset's message is ours; the cron parser's quotes the expression and names its internals.
            errors.add(new FieldError(field, when.frequency() == null ? CronWords.INVALID + "check each of its six"
                    + " parts (second minute hour day-of-month month day-of-week)" : ex.getMessage()));
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
            errors.add(new FieldError("sendToPartnerUsers",
                    "a venue schedule has no partner company users to send to"));
        }
        if (request.recipients().isEmpty() && !request.sendToPartnerUsers()) {
            errors.add(new FieldError("recipients", "name at least one address, or send to the partner company's"
                    + " subscribed users"));
        }
        return new ArrayList<>(unique.values());
    }
}
