/**
 * The command line: create-admin, generate-data, import, run-report and subject-access. API: CommandLine.
 */
package org.stagedoor.cli;
