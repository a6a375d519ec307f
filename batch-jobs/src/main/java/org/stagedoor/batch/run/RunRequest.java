package org.stagedoor.batch.run;

import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;

/**
 * A request to run a report: for a partner company ({@code partnerCompanyId}) or for the venue (null),
 * with parameters as given by the person or schedule asking.
 *
 * @param saved the saved definition and version the request comes from; null for a request made ad hoc
 */
public record RunRequest(String reportId, Long partnerCompanyId, Map<String, String> parameters, OutputFormat format,
        String requestedBy, SavedRef saved) {

    /** The field of a refusal of the parameters as a whole, such as one the report does not have. */
    public static final String PARAMETERS = "parameters";

    public RunRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** A request made ad hoc, of no saved definition. */
    public RunRequest(String reportId, Long partnerCompanyId, Map<String, String> parameters, OutputFormat format,
            String requestedBy) {
        this(reportId, partnerCompanyId, parameters, format, requestedBy, null);
    }
}
