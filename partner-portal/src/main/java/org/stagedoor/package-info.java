/**
 * The runnable application: the portal, console, APIs and batch jobs in one, or a command of the command line. API:
 * StagedoorApplication.
 */
package org.stagedoor;
