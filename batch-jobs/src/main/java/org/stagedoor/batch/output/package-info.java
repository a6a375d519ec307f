/**
 * Report files: typed columns written as CSV or XLSX, row by row in constant memory. API: ReportFiles,
 * ReportFileWriter, FileDescription, Column, ColumnType, OutputFormat, SheetSplit, CodeWords, SpreadsheetSafety,
 * RunLogging.
 */
package org.stagedoor.batch.output;
