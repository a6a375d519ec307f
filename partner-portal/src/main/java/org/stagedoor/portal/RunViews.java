package org.stagedoor.portal;

import java.util.List;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunProgress;
import org.stagedoor.batch.run.RunStatus;

/** Builds {@link RunView}s: progress is read only for runs that have not finished. */
@Component
class RunViews {

    private final ReportCatalogue catalogue;

    private final RunProgress progress;

    RunViews(ReportCatalogue catalogue, RunProgress progress) {
        this.catalogue = catalogue;
        this.progress = progress;
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
        Long expected = inProgress ? progress.rowsExpected(run) : null;
        return RunView.of(run, catalogue.find(run.reportId()).orElse(null), written, expected, download);
    }
}
