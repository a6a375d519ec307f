package org.stagedoor.saved;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;

/**
 * A saved report or list as the APIs take it.
 *
 * @param report the report it runs ({@code customer-list} for a list); ignored when a definition is changed
 * @param parameters the settings it makes; a customer list's definition ({@code list}) may be a JSON object
 * @param openParameters the settings the person running it may change ({@code format} for the file's format)
 * @param format {@code CSV} or {@code XLSX}
 */
public record SavedReportRequest(String name, String description, String report, Map<String, Object> parameters,
        List<String> openParameters, String format) {

    /** The draft it asks to save; values that are not text (a list's definition as an object) become JSON. */
    public SavedReportDraft draft(JsonMapper json) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((key, value) -> {
                if (value != null) {
                    texts.put(key, value instanceof String text ? text : json.writeValueAsString(value));
                }
            });
        }
        OutputFormat chosen = null;
        if (format != null) {
            String upper = format.strip().toUpperCase(Locale.ROOT);
            chosen = upper.equals("CSV") ? OutputFormat.CSV : upper.equals("XLSX") ? OutputFormat.XLSX : null;
        }
        return new SavedReportDraft(name, description, report, texts,
                openParameters == null ? List.of() : openParameters.stream().filter(Objects::nonNull)
                        .toList(), chosen);
    }
}
