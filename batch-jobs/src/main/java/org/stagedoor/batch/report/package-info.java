/**
 * The report catalogue: each report's SQL, parameters, audience and small-group hiding. API: ReportCatalogue,
 * ReportDefinition, ParameterDefinition, ParameterType, Audience, SmallCells.
 */
package org.stagedoor.batch.report;
