package org.stagedoor.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
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
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.grant.ReportGrants;
import org.stagedoor.scheduler.schedule.ClusteredRuns;
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

    private final ReportGrants grants;

    private final ReportCatalogue catalogue;

    private final RunRecords records;

    private final ClusteredRuns clusteredRuns;

    private final ReportLauncher launcher;

    private final RunProgress progress;

    private final RunWatchers watchers;

    private final AuditLog audit;

    private final RunRecipients recipients;

    private final SharingLedger ledger;

    private final Clock clock;

    PortalRuns(ReportGrants grants, ReportCatalogue catalogue, RunRecords records, ClusteredRuns clusteredRuns,
            ReportLauncher launcher, RunProgress progress, RunWatchers watchers, AuditLog audit,
            RunRecipients recipients, SharingLedger ledger, Clock clock) {
        this.grants = grants;
        this.catalogue = catalogue;
        this.records = records;
        this.clusteredRuns = clusteredRuns;
        this.launcher = launcher;
        this.progress = progress;
        this.watchers = watchers;
        this.audit = audit;
        this.recipients = recipients;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The reports granted to the user's company, in the catalogue's order. */
    public List<ReportDefinition> reports(StagedoorUser user) {
        return grants.granted(company(user));
    }

    /** A report granted to the user's company; any other (unknown, ungranted, venue-only) is not found. */
    public ReportDefinition report(StagedoorUser user, String reportId) {
        return reports(user).stream().filter(report -> report.id().equals(reportId)).findFirst()
                .orElseThrow(() -> new NotFoundException("report", reportId));
    }

    /** The report a run is of, by id, as the catalogue has it (its title, whether it holds personal data). */
    public ReportDefinition reportOf(ReportRun run) {
        return catalogue.find(run.reportId()).orElseThrow(() -> new NotFoundException("report", run.reportId()));
    }

    /**
     * Starts a granted report for the user's company, asked by the user, on the cluster; returns the QUEUED run.
     * With {@code notify}, the user is emailed when it completes. The run, its trigger, the request to be told and
     * the audit entry commit together; a request that cannot be accepted records nothing.
     *
     * @throws NotFoundException for a report not granted to the user's company
     * @throws org.stagedoor.batch.InvalidRequestException naming every field that is wrong
     */
    @Transactional
    public ReportRun start(StagedoorUser user, String reportId, Map<String, String> parameters, OutputFormat format,
            boolean notify) {
        ReportDefinition report = report(user, reportId);
        if (notify && user.isApiToken()) {
            throw new InvalidRequestException("notify", "an API token has no email address to tell; poll the run"
                    + " instead");
        }
        ReportRun run = clusteredRuns.submit(new RunRequest(report.id(), company(user), parameters, format,
                user.email()));
        if (notify) {
            watchers.watch(run.id(), user.email(), user.partnerUserId());
        }
        audit.record(user.email(), AuditLog.Kind.RUN_STARTED, run.partnerCompanyId(), run.id(), null,
                report.id() + " " + new TreeMap<>(run.parametersGiven()) + " " + run.format()
                        + (notify ? ", email when ready" : ""), user.apiTokenId());
        return run;
    }

    /** Checks a request as {@link #start} would, recording nothing; returns the parameters a run would store. */
    public Map<String, String> check(StagedoorUser user, String reportId, Map<String, String> parameters,
            OutputFormat format) {
        ReportDefinition report = report(user, reportId);
        return launcher.validate(new RunRequest(report.id(), company(user), parameters, format, user.email()));
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

    /** The company's runs older than its run {@code before} (null: from the newest), newest first. */
    public List<ReportRun> history(StagedoorUser user, Long before, int limit) {
        return records.olderThan(company(user), before, limit);
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
        if (run.status() == RunStatus.EXPIRED
                || (run.status() == RunStatus.COMPLETED && run.expiresAt() != null
                        && !run.expiresAt().isAfter(clock.instant()))) {
            throw new RunFileGone(run);
        }
        if (run.status() != RunStatus.COMPLETED || run.location() == null) {
            throw new NotFoundException("file of run", runId);
        }
        Path file = Path.of(run.location());
        if (!Files.isReadable(file)) {
            log.warn("The file of completed run {} is missing: {}", run.id(), run.location());
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
        return new RunFile(run, file);
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
