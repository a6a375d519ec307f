package org.stagedoor.scheduler.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.period.Period;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.scheduler.delivery.DeliveryOutbox;

/**
 * One fire of a schedule, in one transaction: its record (once per schedule and due time, however often
 * Quartz delivers it), one recorded run per partner company it fans out to, each queued on the cluster,
 * and the schedule's next fire. A fire delivered again after its node died finds its record and does
 * nothing more; the runs it queued are Quartz's to recover.
 */
@Component
class ScheduleFiring {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);

    /** A fire as Quartz delivers it: which schedule, the time it was due, and when it actually fired. */
    record Fire(long scheduleId, Instant dueAt, ScheduleFireJob.Kind kind, Instant firedAt, String requestedBy) {
    }

    /** A fire's record: what it did, on which node. */
    record Recorded(String outcome, String node) {
    }

    enum Outcome {
        RAN, SKIPPED_MISFIRE, NOTHING_TO_RUN,
        /** Its saved report was withdrawn or refused what the schedule chose: no run, the administrators told. */
        NOT_RUN
    }

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM yyyy 'at' HH:mm z",
            Locale.UK);

    private final ScheduleStore store;

    private final ScheduleTriggers triggers;

    private final ClusteredRuns clusteredRuns;

    private final ReportCatalogue catalogue;

    private final SavedReports savedReports;

    private final DeliveryOutbox outbox;

    private final JdbcClient jdbc;

    private final VenueProperties venue;

    private final ScheduleSettings settings;

    private final Clock clock;

    private final TransactionTemplate transaction;

    private final String node;

    private final PartnerCompanies companies;

    private final ScheduledListChanges listChanges;

    ScheduleFiring(ScheduleStore store, ScheduleTriggers triggers, ClusteredRuns clusteredRuns,
            ReportCatalogue catalogue, SavedReports savedReports, DeliveryOutbox outbox, JdbcClient jdbc,
            VenueProperties venue, ScheduleSettings settings, Clock clock, PlatformTransactionManager transactions,
            Scheduler scheduler, PartnerCompanies companies, ScheduledListChanges listChanges)
            throws SchedulerException {
        this.companies = companies;
        this.listChanges = listChanges;
        this.store = store;
        this.triggers = triggers;
        this.clusteredRuns = clusteredRuns;
        this.catalogue = catalogue;
        this.savedReports = savedReports;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.venue = venue;
        this.settings = settings;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.node = scheduler.getSchedulerInstanceId();
    }

    /** Handles a fire; returns what it did (the same answer for a fire delivered again). */
    Outcome fire(Fire fire) {
        return transaction.execute(status -> {
            Optional<Schedule> locked = store.lock(fire.scheduleId());
            if (locked.isEmpty() || locked.get().deletedAt() != null) {
                return Outcome.NOTHING_TO_RUN;
            }
            Schedule schedule = locked.get();
            Optional<Recorded> recorded = jdbc.sql("""
                    select outcome, node from schedule_fire where schedule_id = :schedule and due_at = :due
                    """).param("schedule", schedule.id()).param("due", Timestamp.from(fire.dueAt()))
                    .query(Recorded.class).optional();
            if (recorded.isPresent()) {
                // Quartz delivers a fire again when the node that took it died before the cluster heard it ended:
                // said, so that a redelivery can be told from a fire run twice.
                log.info("Fire of schedule {} due at {} delivered again to node {}: already {} by node {}, not run"
                        + " twice", schedule.id(), fire.dueAt(), node, recorded.get().outcome(), recorded.get().node());
                return Outcome.valueOf(recorded.get().outcome());
            }
            Outcome outcome;
            if (isLate(fire) && schedule.misfirePolicy() == MisfirePolicy.SKIP) {
                // Recorded too, so that the console shows what was missed.
                insertFire(schedule, fire, Outcome.SKIPPED_MISFIRE);
                outcome = Outcome.SKIPPED_MISFIRE;
            }
            else {
                outcome = fanOut(schedule, fire);
            }
            if (fire.kind() == ScheduleFireJob.Kind.SCHEDULED) {
                scheduleNext(schedule, fire);
            }
            return outcome;
        });
    }

    private boolean isLate(Fire fire) {
        return fire.kind() == ScheduleFireJob.Kind.SCHEDULED
                && Duration.between(fire.dueAt(), fire.firedAt()).compareTo(settings.misfireThreshold()) > 0;
    }

    private Outcome fanOut(Schedule schedule, Fire fire) {
        String requestedBy = fire.kind() == ScheduleFireJob.Kind.RUN_NOW && fire.requestedBy() != null
                ? fire.requestedBy() + " (run now: " + schedule.name() + ")"
                : "schedule " + schedule.id() + ": " + schedule.name();
        // The definition's newest version, with the values the schedule chose for its open parameters: the same
        // for every partner company, so a definition withdrawn, or one that no longer leaves open what the
        // schedule chose, stops the whole fire before any run is recorded.
        SavedReport definition = savedReports.find(schedule.savedReportId()).orElse(null);
        RunRequest asked;
        try {
            if (definition == null) {
                throw new InvalidRequestException("savedReport", "its saved report no longer exists");
            }
            asked = savedReports.runRequest(definition, null, schedule.parameters(), schedule.format(), requestedBy);
        }
        catch (InvalidRequestException ex) {
            long fireId = insertFire(schedule, fire, Outcome.NOT_RUN);
            log.warn("Schedule {} did not run its saved report {}: {}", schedule.id(), schedule.savedReportId(),
                    ex.getMessage());
            outbox.noticeAdministrators("fire:" + fireId, "Scheduled report not run — " + schedule.name(),
                    "The schedule \"" + schedule.name() + "\" due " + when(schedule, fire.dueAt())
                            + " did not run, for anyone: " + inWords(ex) + ". Nothing was sent. Open the schedule in"
                            + " the console and choose its saved report or settings again.");
            return Outcome.NOT_RUN;
        }
        List<Long> partners = partners(schedule, asked.parameters(), fire.dueAt());
        Outcome outcome = partners.isEmpty() ? Outcome.NOTHING_TO_RUN : Outcome.RAN;
        long fireId = insertFire(schedule, fire, outcome);
        int recorded = 0;
        for (Long partner : partners) {
            ReportRun run;
            try {
                // Checked, recorded and queued on the cluster as every run is (RunStarts.queue does the same).
                run = clusteredRuns.submit(savedReports.runRequest(definition, partner, schedule.parameters(),
                        schedule.format(), requestedBy));
            }
            catch (InvalidRequestException ex) {
                // The definition was valid when saved; the data changed since (a list naming a deleted event, a
                // column taken out of the company's data-sharing agreement).
                log.warn("Schedule {} could not run for partner company {}: {}", schedule.id(), partner,
                        ex.getMessage());
                outbox.noticeAdministrators("fire:" + fireId + ":" + (partner == null ? 0 : partner),
                        "Scheduled report not run — " + schedule.name(),
                        "The schedule \"" + schedule.name() + "\" due " + when(schedule, fire.dueAt())
                                + " could not run \"" + definition.name() + "\""
                                + (partner == null ? "" : " for " + companyName(partner)) + ": " + inWords(ex)
                                + ". Nothing was sent" + (partner == null ? "" : " to that company") + ".");
                continue;
            }
            recorded++;
            jdbc.sql("""
                    insert into schedule_fire_run (fire_id, partner_key, run_id) values (:fire, :partner, :run)
                    """).param("fire", fireId).param("partner", partner == null ? 0L : partner).param("run", run.id())
                    .update();
            listChanges.plan(schedule, partner, run.id());
        }
        if (!partners.isEmpty() && recorded == 0) {
            jdbc.sql("update schedule_fire set outcome = :outcome where id = :id")
                    .param("outcome", Outcome.NOT_RUN.name()).param("id", fireId).update();
            return Outcome.NOT_RUN;
        }
        return outcome;
    }

    /** A refusal's problems as a sentence: the setting named in words where it is one, then what is wrong. */
    private static String inWords(InvalidRequestException ex) {
        return String.join("; ", ex.errors().stream().map(error -> switch (error.field()) {
            case "savedReport", RunRequest.PARAMETERS, "partner", "report", "requestedBy" -> error.message();
            case "format" -> "the file: " + error.message();
            default -> "the " + error.field().split("[.\\[]", 2)[0]
                    + (error.message().startsWith("is ") ? " " : ": ") + error.message();
        }).toList());
    }

    private static String when(Schedule schedule, Instant dueAt) {
        return "on " + DUE.format(dueAt.atZone(schedule.timeZone()));
    }

    private String companyName(long partnerCompanyId) {
        return companies.name(partnerCompanyId).orElse("partner company " + partnerCompanyId);
    }

    private long insertFire(Schedule schedule, Fire fire, Outcome outcome) {
        return jdbc.sql("""
                insert into schedule_fire (schedule_id, due_at, kind, outcome, node)
                values (:schedule, :due, :kind, :outcome, :node)
                returning id
                """)
                .param("schedule", schedule.id())
                .param("due", Timestamp.from(fire.dueAt()))
                .param("kind", fire.kind().name())
                .param("outcome", outcome.name())
                .param("node", node)
                .query(Long.class).single();
    }

    private void scheduleNext(Schedule schedule, Fire fire) {
        // From now, not from the due time: after an outage the missed fires are not run one after another.
        Instant now = clock.instant();
        Instant next = schedule.fireTimes().next(fire.dueAt().isAfter(now) ? fire.dueAt() : now);
        if (next == null) {
            return;
        }
        try {
            triggers.scheduleFire(schedule, next);
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("Could not schedule the next fire of schedule " + schedule.id(), ex);
        }
    }

    /** The partner companies (null: the venue) a fire runs for, with the parameters its runs ask for. */
    List<Long> partners(Schedule schedule, Map<String, String> parameters, Instant dueAt) {
        return switch (schedule.fanOut()) {
            case ONE_PARTNER -> List.of(schedule.partnerCompanyId());
            case VENUE -> {
                List<Long> venueOnly = new ArrayList<>();
                venueOnly.add(null);
                yield venueOnly;
            }
            case PARTNERS_COLLECTING_PREFERENCES -> jdbc.sql("""
                    select id from partner_company where collects_preferences order by id
                    """).query(Long.class).list();
            case PARTNERS_WITH_EVENTS -> {
                Period period = period(schedule, parameters, dueAt);
                yield jdbc.sql("""
                        select distinct epc.partner_company_id
                          from event_partner_company epc
                          join event_instance ei on ei.event_id = epc.event_id
                         where ei.starts_at >= :from and ei.starts_at < :to
                         order by epc.partner_company_id
                        """)
                        .param("from", Timestamp.from(period.start(venue.timeZone())))
                        .param("to", Timestamp.from(period.endExclusive(venue.timeZone())))
                        .query(Long.class).list();
            }
        };
    }

    /**
     * The period of the fire: the report's period parameter as its runs ask for it (the definition's, or the value
     * the schedule chose), resolved on the day it was due, in the venue's zone.
     */
    private Period period(Schedule schedule, Map<String, String> parameters, Instant dueAt) {
        ParameterDefinition parameter = catalogue.find(schedule.reportId()).orElseThrow().parameters().stream()
                .filter(candidate -> candidate.type() == ParameterType.PERIOD).findFirst()
                .orElseThrow(() -> new IllegalStateException("Report " + schedule.reportId() + " has no period"));
        String value = parameters.getOrDefault(parameter.name(), parameter.defaultValue());
        LocalDate day = dueAt.atZone(venue.timeZone()).toLocalDate();
        return PeriodSpec.parse(parameter.name(), value).resolve(day);
    }
}
