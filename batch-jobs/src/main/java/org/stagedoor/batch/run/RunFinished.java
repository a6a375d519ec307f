package org.stagedoor.batch.run;

/**
 * Published, in the transaction that records it, when a run ends COMPLETED, FAILED or STOPPED: a
 * listener's writes (the deliveries of a scheduled run, say) commit or roll back with the outcome.
 */
public record RunFinished(ReportRun run) {
}
