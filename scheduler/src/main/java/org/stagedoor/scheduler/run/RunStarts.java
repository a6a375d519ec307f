package org.stagedoor.scheduler.run;

import java.util.Map;

import org.springframework.stereotype.Service;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunRequestCheck;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.scheduler.schedule.ClusteredRuns;

/**
 * Where every run starts: the portal's pages and API, API tokens, the console, schedules and the command line
 * all come here with a saved definition (and the open parameters the person chose) or a request made ad hoc. A run
 * is queued on the scheduler cluster, so any node may execute it, except on the command line, which runs it to the
 * end in its own thread. An administrator's restart of a failed or stopped run is queued on the cluster too.
 */
@Service
public class RunStarts {

    private final SavedReports saved;

    private final RunRequestCheck requestCheck;

    private final ClusteredRuns clusteredRuns;

    private final ReportLauncher launcher;

    RunStarts(SavedReports saved, RunRequestCheck requestCheck, ClusteredRuns clusteredRuns, ReportLauncher launcher) {
        this.saved = saved;
        this.requestCheck = requestCheck;
        this.clusteredRuns = clusteredRuns;
        this.launcher = launcher;
    }

    /**
     * The request a saved definition makes for the partner company (null: the venue) with the open parameters
     * chosen and the format (null: the definition's).
     */
    public RunRequest request(SavedReport definition, Long partnerCompanyId, Map<String, String> chosen,
            OutputFormat format, String requestedBy) {
        return saved.runRequest(definition, partnerCompanyId, chosen, format, requestedBy);
    }

    /**
     * Validates, records and queues a run on the cluster; returns it QUEUED. Nothing is recorded when refused. Inside
     * a transaction of the caller's (a schedule's fire), the run and its trigger commit with it, and a refusal leaves
     * it usable: the request is checked before anything is written.
     */
    public ReportRun queue(RunRequest request) {
        return clusteredRuns.submit(request);
    }

    /** Checks a request as {@link #queue} would, recording nothing; returns the parameters a run would store. */
    public Map<String, String> check(RunRequest request) {
        return requestCheck.check(request).resolved();
    }

    /**
     * Validates and records a run to be run in this process (the command line) with {@link #runHere(long)}; returns
     * it QUEUED. Nothing is recorded when refused.
     */
    public ReportRun recordHere(RunRequest request) {
        return launcher.record(request);
    }

    /** Runs a run recorded with {@link #recordHere} to the end in this thread; returns the finished run. */
    public ReportRun runHere(long runId) {
        return launcher.execute(runId);
    }

    /**
     * Queues a FAILED or STOPPED run on the cluster to be restarted where it left off (an administrator's restart);
     * returns it QUEUED. Inside a transaction of the caller's, it commits with it.
     *
     * @throws InvalidRequestException when there is no such run, or it is neither FAILED nor STOPPED
     */
    public ReportRun restart(long runId) {
        return clusteredRuns.restart(runId);
    }
}
