package org.stagedoor.batch.saved;

import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;

/**
 * A saved definition as its author writes it (a new one, or the next version of one).
 *
 * @param reportId the report of the catalogue; ignored for the next version of a definition (its kind stays)
 * @param parameters the values it sets; a parameter left out takes the report's default when run
 * @param openParameters the parameters the person running it may change, {@link SavedReport#FORMAT} included
 */
public record SavedReportDraft(String name, String description, String reportId, Map<String, String> parameters,
        List<String> openParameters, OutputFormat format) {

    public SavedReportDraft {
        description = description == null ? "" : description.strip();
        name = name == null ? null : name.strip();
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        openParameters = openParameters == null ? List.of() : List.copyOf(openParameters);
    }
}
