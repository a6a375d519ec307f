/**
 * Nightly deletion of expired run files and the search for runs whose process died, on one node. API: none.
 */
package org.stagedoor.scheduler.housekeeping;
