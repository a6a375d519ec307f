/**
 * The venue import as the command and the console run it: audited in one sentence, and the console's imports run in
 * the background with their progress. API: AuditedImport, ImportOperations.
 */
package org.stagedoor.imports;
