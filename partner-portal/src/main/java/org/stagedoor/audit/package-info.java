/**
 * The append-only audit log of logins, runs, downloads, changes and API calls. API: AuditLog.
 */
package org.stagedoor.audit;
