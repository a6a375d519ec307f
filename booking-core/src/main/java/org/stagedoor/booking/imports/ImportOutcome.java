package org.stagedoor.booking.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The end of an import: applied as a whole, or refused as a whole with every refused row and the report file that lists
 * them (all or nothing).
 */
public record ImportOutcome(List<FileCount> files, List<Refusal> refusals, Optional<Path> report, double seconds) {

    public boolean applied() {
        return refusals.isEmpty();
    }
}
