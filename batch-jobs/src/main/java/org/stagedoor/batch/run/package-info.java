/**
 * The life of a run: checking a request, recording it, running its Spring Batch job, its record and progress. API:
 * ReportLauncher, RunRequestCheck, RunRequest, CheckedRequest, ReportRun, RunRecords, RunStatus, RunProgress,
 * RunQuery, RunFinished, ListCounts, CountTookTooLong, Housekeeping, ReportSettings, SavedRef.
 */
package org.stagedoor.batch.run;
