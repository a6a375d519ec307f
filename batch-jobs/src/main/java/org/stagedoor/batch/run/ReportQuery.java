package org.stagedoor.batch.run;

import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.Column;

/** The one parameterised statement a run streams, its named parameters and its typed columns. */
public record ReportQuery(String sql, Map<String, Object> parameters, List<Column> columns) {
}
