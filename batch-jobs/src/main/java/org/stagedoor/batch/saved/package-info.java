/**
 * Saved reports and customer lists, versioned, and who may run them. API: SavedReports, SavedReport, SavedReportDraft.
 */
package org.stagedoor.batch.saved;
