package org.stagedoor.batch.output;

import java.util.Map;

import org.slf4j.MDC;

/**
 * The run id in every log line a run writes ({@code runId} in the logging context, a field of its own in the
 * structured JSON logs): set around a run's job in the thread that runs it, and carried into the threads the run
 * starts (prefetching rows, compressing, writing the ledger), so that a run's lines can be picked out of a busy node's.
 */
public final class RunLogging {

    /** The logging context's key, and the JSON field's name. */
    public static final String RUN_ID = "runId";

    private RunLogging() {
    }

    /** Puts the run id in this thread's logging context until closed. */
    public static MDC.MDCCloseable forRun(long runId) {
        return MDC.putCloseable(RUN_ID, Long.toString(runId));
    }

    /** The task, run with the logging context of the thread that calls this (the run's), cleared after it. */
    public static Runnable carried(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                task.run();
            }
            finally {
                MDC.clear();
            }
        };
    }
}
