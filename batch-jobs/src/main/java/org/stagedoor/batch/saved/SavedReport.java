package org.stagedoor.batch.saved;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.SavedRef;

/**
 * A saved report or customer list at one version: a report of the catalogue with the parameters it sets, the ones
 * the person running it may still change, and the format.
 *
 * @param ownerPartnerCompanyId null for the venue's; otherwise the partner company whose users made it
 * @param standard the venue's standard definition of its kind: every parameter left to the person running it
 * @param parameters every parameter it sets: fixed, or the default of an open one
 * @param openParameters the parameters the person running it may change ({@link #FORMAT} for the format)
 */
public record SavedReport(long id, String reportId, Long ownerPartnerCompanyId, boolean standard, int version,
        int currentVersion, String name, String description, Map<String, String> parameters,
        List<String> openParameters, OutputFormat format, String savedBy, Instant savedAt, String createdBy,
        Instant createdAt, Instant retiredAt) {

    /** The open parameter that lets the person running it choose the file's format. */
    public static final String FORMAT = "format";

    public SavedReport {
        parameters = Map.copyOf(parameters);
        openParameters = List.copyOf(openParameters);
    }

    public boolean ownedByVenue() {
        return ownerPartnerCompanyId == null;
    }

    public boolean isOpen(String parameter) {
        return openParameters.contains(parameter);
    }

    public boolean isRetired() {
        return retiredAt != null;
    }

    public boolean isCurrent() {
        return version == currentVersion;
    }

    /** What a run of this version records. */
    public SavedRef ref() {
        return new SavedRef(id, version);
    }
}
