package org.stagedoor.portal;

import org.stagedoor.batch.run.ReportRun;

/** A run the user may reach whose file has expired (and is, or is about to be, deleted): 410 Gone. */
public class RunFileGone extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ReportRun run;

    public RunFileGone(ReportRun run) {
        super("The file of run " + run.id() + " has expired");
        this.run = run;
    }

    public ReportRun run() {
        return run;
    }
}
