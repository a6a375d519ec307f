package org.stagedoor.batch.report;

import java.util.List;

import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.SheetSplit;

/**
 * A named, parameterised report over the store. {@code sql} binds {@code :partner} (partner reports:
 * always the run's partner company, never a free parameter), {@code :periodStart} / {@code :periodEnd}
 * (a half-open instant range in the venue's time zone), {@code :cutoff} (data as it stood when the
 * run was created) and {@code :zone}. A customer list has no fixed SQL or columns: they come from its
 * definition.
 *
 * @param smallCells how an aggregate report hides small groups of people (its description says so in words);
 *                   null for a report whose rows are not counts of people
 * @param sheetsBy   how an XLSX file gives the values of a column sheets of their own (the behaviour report's
 *                   measures, which are separate tables); null for one table
 */
public record ReportDefinition(String id, String title, String description, Audience audience, boolean personalData,
        List<ParameterDefinition> parameters, List<Column> columns, String sql, SmallCells smallCells,
        SheetSplit sheetsBy) {

    public ReportDefinition {
        if (smallCells != null) {
            smallCells.check(columns);
        }
        if (sheetsBy != null) {
            sheetsBy.check(columns);
        }
    }

    public ReportDefinition(String id, String title, String description, Audience audience, boolean personalData,
            List<ParameterDefinition> parameters, List<Column> columns, String sql, SmallCells smallCells) {
        this(id, title, description, audience, personalData, parameters, columns, sql, smallCells, null);
    }

    public boolean isCustomerList() {
        return parameters.stream().anyMatch(parameter -> parameter.type() == ParameterType.CUSTOMER_LIST);
    }
}
