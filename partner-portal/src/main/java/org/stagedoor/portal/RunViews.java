package org.stagedoor.portal;

import java.util.List;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunProgress;
import org.stagedoor.batch.run.RunStatus;

/**
 * Builds {@link RunView}s for the pages and the API alike: progress is read only for runs that have not finished, why
 * a run found nothing only for a completed one with no rows.
 */
@Component
class RunViews {

    private final ReportCatalogue catalogue;

    private final RunProgress progress;

    private final PortalTimes times;

    private final EmptyResults empty;

    RunViews(ReportCatalogue catalogue, RunProgress progress, PortalTimes times, EmptyResults empty) {
        this.catalogue = catalogue;
        this.progress = progress;
        this.times = times;
        this.empty = empty;
    }

    /** For the pages: the file is at {@code /runs/{id}/file}, the link emailed messages use too. */
    RunView page(ReportRun run) {
        return view(run, "/runs/" + run.id() + "/file");
    }

    /** For the API: the file is at {@code /api/portal/runs/{id}/file}. */
    RunView api(ReportRun run) {
        return view(run, "/api/portal/runs/" + run.id() + "/file");
    }

    List<RunView> pages(List<ReportRun> runs) {
        return runs.stream().map(this::page).toList();
    }

    List<RunView> apis(List<ReportRun> runs) {
        return runs.stream().map(this::api).toList();
    }

    private RunView view(ReportRun run, String download) {
        boolean inProgress = run.status() == RunStatus.RUNNING;
        long written = run.status() == RunStatus.QUEUED ? 0 : progress.rowsWritten(run);
        RunProgress.Expected expected = inProgress ? progress.expected(run).orElse(null) : null;
        ReportDefinition report = catalogue.find(run.reportId()).orElse(null);
        return RunView.of(run, report, written, expected == null ? null : expected.rows(),
                expected != null && expected.about(), download,
                run.expiresAt() == null ? null : times.at(run.expiresAt()),
                empty.of(run, report));
    }
}
