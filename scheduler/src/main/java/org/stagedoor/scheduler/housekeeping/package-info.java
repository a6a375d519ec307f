/**
 * Expired run files deleted every night on one node, and runs whose process died marked failed. API: none.
 */
package org.stagedoor.scheduler.housekeeping;
