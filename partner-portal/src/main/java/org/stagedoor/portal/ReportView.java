package org.stagedoor.portal;

import java.util.List;

import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportDefinition;

/**
 * A report granted to the user's company, as the API lists it, with the parameters a run takes.
 *
 * @param personalData whether its file holds customers' personal data (then emailed as a link, never attached)
 */
public record ReportView(String id, String title, String description, boolean personalData,
        List<Parameter> parameters) {

    /**
     * One parameter: {@code PERIOD} takes {@code previous-week}, {@code last-N-days}, {@code month-to-date},
     * {@code previous-month}, {@code next-N-days} or {@code YYYY-MM-DD..YYYY-MM-DD}; {@code CUSTOMER_LIST} a list
     * definition (JSON, as a string or an object).
     */
    public record Parameter(String name, ParameterType type, boolean required, String defaultValue,
            String description) {
    }

    static ReportView of(ReportDefinition report) {
        return new ReportView(report.id(), report.title(), report.description(), report.personalData(),
                report.parameters().stream().map(ReportView::parameter).toList());
    }

    private static Parameter parameter(ParameterDefinition parameter) {
        return new Parameter(parameter.name(), parameter.type(), parameter.required(), parameter.defaultValue(),
                parameter.description());
    }
}
