/**
 * Accountable sharing (R-6, P-8): agreements' columns, the sharing ledger, manifests, recipients, subject access. API:
 * SharingLedger, SharedColumns, SharedCustomer, SharingSettings, ManifestRecords, RunRecipients, SubjectAccess,
 * ListChanges.
 */
package org.stagedoor.batch.sharing;
