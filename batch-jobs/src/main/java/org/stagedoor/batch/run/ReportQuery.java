package org.stagedoor.batch.run;

import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.report.SmallCells;

/**
 * The one parameterised statement a run streams, its named parameters and its typed columns.
 *
 * @param partnerCompanyId the partner company the run is for: the statement is read under that company's
 *                         row-level security; null for the venue's own runs
 * @param ledger           whether every row ends with the sharing ledger's five values after {@code columns}
 * @param smallCells       how the rows' small groups are hidden before they are written; null for none
 */
public record ReportQuery(String sql, Map<String, Object> parameters, List<Column> columns, Long partnerCompanyId,
        boolean ledger, SmallCells smallCells) {
}
