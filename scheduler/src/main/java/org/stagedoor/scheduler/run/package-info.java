/**
 * Where every run starts, from the portal, the console, the API, schedules or the command line. API: RunStarts.
 */
package org.stagedoor.scheduler.run;
