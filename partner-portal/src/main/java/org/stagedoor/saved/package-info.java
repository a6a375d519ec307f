/**
 * Saved reports and lists as administrators and partner users change them, checked and audited. API:
 * SavedReportOperations, SavedReportRequest, SavedReportView.
 */
package org.stagedoor.saved;
