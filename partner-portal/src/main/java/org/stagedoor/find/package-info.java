/**
 * The filters and pages of the run and audit lists, as their query strings carry them. API: RunFilter, AuditFilter,
 * Page.
 */
package org.stagedoor.find;
