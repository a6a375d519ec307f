package org.stagedoor.portal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.Audience;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunProgress;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.batch.sharing.SharingLedger;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.find.Page;
import org.stagedoor.find.RunFilter;
import org.stagedoor.scheduler.run.RunStarts;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;

/**
 * What a partner user may do with reports and runs: every report, run and file is looked up together
 * with the user's partner company, and one of another company answers exactly like one that does not exist
 * ({@link NotFoundException}). Runs are always for the user's own company and asked by the user; they are
 * queued on the scheduler cluster, so any node may execute them. Administrators reach any run's file. A partner
 * company's API token is such a user too ({@link StagedoorUser#isApiToken()}): the same scoping, its token named
 * in the audit entries; who downloaded a run's file (a partner user or a token, not the venue's administrators) is
 * recorded among the run's recipients.
 */
@Service
public class PortalRuns {

    private static final Logger log = LoggerFactory.getLogger(PortalRuns.class);

    private final SavedReports saved;

    private final ReportCatalogue catalogue;

    private final RunRecords records;

    private final RunStarts starts;

    private final ReportLauncher launcher;

    private final RunProgress progress;

    private final RunWatchers watchers;

    private final AuditLog audit;

    private final RunRecipients recipients;

    private final SharingLedger ledger;

    private final Clock clock;

    private final VenueProperties venue;

    PortalRuns(SavedReports saved, ReportCatalogue catalogue, RunRecords records, RunStarts starts,
            ReportLauncher launcher, RunProgress progress, RunWatchers watchers, AuditLog audit,
            RunRecipients recipients, SharingLedger ledger, Clock clock, VenueProperties venue) {
        this.venue = venue;
        this.saved = saved;
        this.catalogue = catalogue;
        this.records = records;
        this.starts = starts;
        this.launcher = launcher;
        this.progress = progress;
        this.watchers = watchers;
        this.audit = audit;
        this.recipients = recipients;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The saved reports and lists the user's company may run: the venue's granted to it and its own, by name. */
    public List<SavedReport> saved(StagedoorUser user) {
        return saved.visibleTo(company(user));
    }

    /** A saved report the user's company may run; any other (another company's, not granted) is not found. */
    public SavedReport saved(StagedoorUser user, long savedId) {
        return saved.visible(company(user), savedId);
    }

    /** When the user's company last ran each of its saved reports (by id). */
    public Map<Long, Instant> lastRuns(StagedoorUser user) {
        return records.lastRunsOfSaved(company(user));
    }

    /** Whether the venue lets the user's company build customer lists of its own. */
    public boolean buildsOwnLists(StagedoorUser user) {
        return saved.buildsOwnLists(company(user));
    }

    /**
     * The report kinds the user's company may run with parameters of its choosing, in the catalogue's order: those
     * whose standard definition (every parameter open) is granted to it, and the customer list when it may build its
     * own.
     */
    public List<ReportDefinition> reports(StagedoorUser user) {
        Set<String> kinds = saved(user).stream().filter(SavedReport::standard).map(SavedReport::reportId)
                .collect(Collectors.toSet());
        boolean ownLists = buildsOwnLists(user);
        return catalogue.all().stream().filter(report -> report.audience() != Audience.VENUE)
                .filter(report -> kinds.contains(report.id()) || (ownLists && report.isCustomerList())).toList();
    }

    /** A report the user's company may run ad hoc; any other (unknown, ungranted, venue-only) is not found. */
    public ReportDefinition report(StagedoorUser user, String reportId) {
        return reports(user).stream().filter(report -> report.id().equals(reportId)).findFirst()
                .orElseThrow(() -> new NotFoundException("report", reportId));
    }

    /** The report a run is of, by id, as the catalogue has it (its title, whether it holds personal data). */
    public ReportDefinition reportOf(ReportRun run) {
        return catalogue.find(run.reportId()).orElseThrow(() -> new NotFoundException("report", run.reportId()));
    }

    /** The report a saved definition runs. */
    public ReportDefinition reportOf(SavedReport definition) {
        return catalogue.find(definition.reportId())
                .orElseThrow(() -> new NotFoundException("report", definition.reportId()));
    }

    /** The saved definition, at the version it ran, of a run that came from one. */
    public Optional<SavedReport> savedOf(ReportRun run) {
        return Optional.ofNullable(run.saved()).map(ref -> saved.version(ref.id(), ref.version()));
    }

    /**
     * Starts a report the user's company may run ad hoc, with the parameters given; a report with a standard
     * definition runs (and is recorded) as that definition. See {@link #startSaved}.
     */
    @Transactional
    public ReportRun start(StagedoorUser user, String reportId, Map<String, String> parameters, OutputFormat format,
            boolean notify) {
        return queue(user, adHoc(user, reportId, parameters, format), notify);
    }

    /**
     * Starts a saved report or list granted to the user's company (or its own) for the company, asked by the user,
     * on the cluster, with the open parameters chosen (empty: its defaults) and the format (null: its own); returns
     * the QUEUED run. With {@code notify}, the user is emailed when it completes. The run, its trigger, the request
     * to be told and the audit entry commit together; a request that cannot be accepted records nothing.
     *
     * @throws NotFoundException for a definition the user's company may not run
     * @throws org.stagedoor.batch.InvalidRequestException naming every field that is wrong
     */
    @Transactional
    public ReportRun startSaved(StagedoorUser user, long savedId, Map<String, String> chosen, OutputFormat format,
            boolean notify) {
        return queue(user, starts.request(saved(user, savedId), company(user), chosen, format, user.email()), notify);
    }

    /**
     * Starts a run of the user's company again, as it was asked: the same report (or saved definition, at its current
     * version), the same parameters as given (a relative period is resolved afresh: "previous week" is this week's
     * previous week) and the same format; asked by the user.
     *
     * @throws NotFoundException for a run the user may not reach, or whose definition the company may no longer run
     * @throws org.stagedoor.batch.InvalidRequestException when it can no longer run as it was asked
     */
    @Transactional
    public ReportRun again(StagedoorUser user, long runId) {
        ReportRun run = run(user, runId);
        Optional<SavedReport> definition = savedOf(run);
        if (definition.isPresent()) {
            SavedReport current = saved(user, definition.get().id());
            return startSaved(user, current.id(), openParameters(current, run), openFormat(current, run), false);
        }
        return start(user, run.reportId(), run.parametersGiven(), run.format(), false);
    }

    /**
     * The whole list now, for a run of a schedule that sends only the changes: its saved list again where the company
     * may run it, else the same report with the run's own settings (the opted-in list's columns, a customer list's
     * definition). A run on demand is never one of changes.
     */
    public ReportRun fullList(StagedoorUser user, long runId) {
        ReportRun run = run(user, runId);
        try {
            return again(user, runId);
        }
        catch (NotFoundException ex) {
            Map<String, String> parameters = new TreeMap<>();
            for (ParameterDefinition parameter : reportOf(run).parameters()) {
                String value = run.parametersResolved().get(parameter.name());
                if (value != null) {
                    parameters.put(parameter.name(), value);
                }
            }
            return start(user, run.reportId(), parameters, run.format(), false);
        }
    }

    /** The parameters a run was given that its saved definition leaves open: the others are the definition's. */
    public static Map<String, String> openParameters(SavedReport definition, ReportRun run) {
        Map<String, String> open = new TreeMap<>();
        run.parametersGiven().forEach((name, value) -> {
            if (definition.isOpen(name)) {
                open.put(name, value);
            }
        });
        return open;
    }

    /** The run's format when the definition lets it be chosen; else null, the definition's own. */
    public static OutputFormat openFormat(SavedReport definition, ReportRun run) {
        return definition.isOpen(SavedReport.FORMAT) ? run.format() : null;
    }

    /** Checks a request as {@link #start} would, recording nothing; returns the parameters a run would store. */
    public Map<String, String> check(StagedoorUser user, String reportId, Map<String, String> parameters,
            OutputFormat format) {
        return starts.check(adHoc(user, reportId, parameters, format));
    }

    /** Checks a request as {@link #startSaved} would, recording nothing. */
    public Map<String, String> checkSaved(StagedoorUser user, long savedId, Map<String, String> chosen,
            OutputFormat format) {
        return starts.check(starts.request(saved(user, savedId), company(user), chosen, format, user.email()));
    }

    private RunRequest adHoc(StagedoorUser user, String reportId, Map<String, String> parameters,
            OutputFormat format) {
        ReportDefinition report = report(user, reportId);
        Optional<SavedReport> standard = saved(user).stream()
                .filter(candidate -> candidate.standard() && candidate.reportId().equals(report.id())).findFirst();
        if (standard.isPresent()) {
            RunRequest request = starts.request(standard.get(), company(user), parameters, format, user.email());
            // Asked ad hoc, the format is the asker's to give, never the definition's.
            return new RunRequest(request.reportId(), request.partnerCompanyId(), request.parameters(), format,
                    request.requestedBy(), request.saved());
        }
        return new RunRequest(report.id(), company(user), parameters, format, user.email());
    }

    private ReportRun queue(StagedoorUser user, RunRequest request, boolean notify) {
        if (notify && user.isApiToken()) {
            throw new InvalidRequestException("notify", "an API token has no email address to tell; poll the run"
                    + " instead");
        }
        ReportRun run = starts.queue(request);
        if (notify) {
            watchers.watch(run.id(), user.email(), user.partnerUserId());
        }
        audit.record(user.email(), AuditLog.Kind.RUN_STARTED, run.partnerCompanyId(), run.id(), null,
                run.reportId() + (run.saved() == null ? "" : " (saved report " + run.saved().id() + " version "
                        + run.saved().version() + ")") + " " + new TreeMap<>(run.parametersGiven()) + " "
                        + run.format() + (notify ? ", email when ready" : ""), user.apiTokenId());
        return run;
    }

    /** A run of the user's company (for an administrator: any run). */
    public ReportRun run(StagedoorUser user, long runId) {
        return records.find(runId)
                .filter(run -> user.isAdmin() || Objects.equals(run.partnerCompanyId(), user.partnerCompanyId()))
                .orElseThrow(() -> new NotFoundException("run", runId));
    }

    /**
     * The customers the run tells the user's company to stop contacting ("withdrawn since your last list"): in an
     * XLSX file they are a sheet of their own; a CSV file has no room for them, so the portal and the API show them.
     */
    public List<SharingLedger.Withdrawal> withdrawals(StagedoorUser user, long runId) {
        return ledger.notices(run(user, runId).id());
    }

    /** Whether the user asked to be emailed when the run is ready. */
    public boolean isWatching(ReportRun run, StagedoorUser user) {
        return watchers.isWatching(run.id(), user.email());
    }

    /**
     * A page of the company's runs the filter selects, newest first; the company asked is ignored, it is always the
     * user's. The history page and the portal API list through here.
     */
    public Page<ReportRun> history(StagedoorUser user, RunFilter filter, int size) {
        return Page.of(records.page(filter.query(company(user), venue.timeZone()), filter.before(), filter.after(),
                size + 1), size, filter.before(), filter.after(), ReportRun::id);
    }

    /** The kinds of report the company's runs can be of, for the history's filter: what it may run, in order. */
    public List<ReportDefinition> reportChoices(StagedoorUser user) {
        Set<String> kinds = saved(user).stream().map(SavedReport::reportId).collect(Collectors.toSet());
        return catalogue.all().stream().filter(report -> kinds.contains(report.id())
                || reports(user).contains(report)).toList();
    }

    /**
     * Cancels a run of the user's company that has not finished: a queued one never starts, a running one stops at
     * its next chunk of rows. A finished run is left as it is (and nothing is audited).
     */
    public ReportRun cancel(StagedoorUser user, long runId) {
        ReportRun run = run(user, runId);
        if (run.status() != RunStatus.QUEUED && run.status() != RunStatus.RUNNING) {
            return run;
        }
        ReportRun after = launcher.cancel(runId, "Cancelled by " + user.email());
        audit.record(user.email(), AuditLog.Kind.RUN_CANCELLED, run.partnerCompanyId(), run.id(),
                progress.rowsWritten(after), "was " + run.status(), user.apiTokenId());
        return after;
    }

    /**
     * The file of a completed run the user may reach, audited as downloaded (with its rows); the partner user or
     * API token is recorded as a recipient of the run. The audit entry and the recipient commit together.
     *
     * @throws NotFoundException for a run the user may not reach, or one with no file (not finished, failed)
     * @throws RunFileGone for a run whose file has expired
     */
    @Transactional
    public RunFile download(StagedoorUser user, long runId) {
        ReportRun run = run(user, runId);
        ReportRun.FileState file = run.fileState(clock.instant());
        if (file == ReportRun.FileState.DELETED || file == ReportRun.FileState.PAST_KEEPING) {
            throw new RunFileGone(run);
        }
        if (file != ReportRun.FileState.AVAILABLE) {
            if (file == ReportRun.FileState.MISSING) {
                log.warn("The file of completed run {} is missing: {}", run.id(), run.location());
            }
            throw new NotFoundException("file of run", runId);
        }
        audit.record(user.email(), AuditLog.Kind.RUN_DOWNLOADED, run.partnerCompanyId(), run.id(), run.rowCount(),
                run.fileName() + (user.isAdmin() ? " (administrator)" : ""), user.apiTokenId());
        // The venue's administrators hold every file already: they are not recipients.
        if (user.isApiToken()) {
            recipients.record(run.id(), RunRecipients.Kind.API_TOKEN, ApiTokens.recipient(user),
                    RunRecipients.How.DOWNLOAD);
        }
        else if (!user.isAdmin()) {
            recipients.record(run.id(), RunRecipients.Kind.PORTAL_USER, user.email(), RunRecipients.How.DOWNLOAD);
        }
        return new RunFile(run, Path.of(run.location()));
    }

    private static long company(StagedoorUser user) {
        if (user.partnerCompanyId() == null) {
            // Only partner users reach the portal (SecurityConfiguration); an administrator has no company.
            throw new NotFoundException("partner company of", user.email());
        }
        return user.partnerCompanyId();
    }

    /** A run's file on disk, to be streamed. */
    public record RunFile(ReportRun run, Path path) {
    }
}
