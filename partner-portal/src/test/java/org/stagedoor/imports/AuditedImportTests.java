package org.stagedoor.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.stagedoor.booking.imports.FileCount;
import org.stagedoor.booking.imports.ImportOutcome;
import org.stagedoor.booking.imports.Refusal;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log's sentence for an import, the one place it is worded: what was applied, or why nothing was. */
class AuditedImportTests {

    @Test
    void anAppliedImportSaysItsFilesRowsAndWhatTheyDid() {
        ImportOutcome outcome = new ImportOutcome(List.of(
                new FileCount("customers.csv", 36_000, 1_200, 3, 34_797, 0, 0, false),
                new FileCount("relationships.csv", 751, 0, 0, 749, 2, 0, false)), List.of(), Optional.empty(), 4.25);

        assertThat(AuditedImport.sentence(outcome, true)).isEqualTo("Imported 2 files: 36,751 rows (1,200 added,"
                + " 3 updated, 35,546 unchanged, 2 closed) in 4.3 s. customers.csv: 36,000 rows: 1,200 added,"
                + " 3 updated, 34,797 unchanged; relationships.csv: 751 rows: 749 unchanged, 2 closed.");
    }

    @Test
    void aRefusedImportSaysNothingWasAppliedNamesTheFirstRefusalsAndAKeptReport() {
        ImportOutcome outcome = new ImportOutcome(List.of(), List.of(
                new Refusal("notes.csv", 0, "", "Stagedoor does not import a file of this name."),
                new Refusal("orders.csv", 8, "facilitator_id", "The person making an order and the person it is for"
                        + " must be different customers."),
                new Refusal("orders.csv", 9, "", "The line has 3 fields; its header has 5."),
                new Refusal("tickets.csv", 2, "price", "The price is not a number.")),
                Optional.of(Path.of("/tmp/upload/import-refusals-20261206-1400.csv")), 1.0);

        String refused = "Import refused: 3 rows and 1 file were refused, so nothing was applied. notes.csv: Stagedoor"
                + " does not import a file of this name. orders.csv, line 8, column facilitator_id: The person making"
                + " an order and the person it is for must be different customers. orders.csv, line 9: The line has 3"
                + " fields; its header has 5. … and 1 more.";
        assertThat(AuditedImport.sentence(outcome, true)).isEqualTo(refused + " Every refusal is listed in"
                + " /tmp/upload/import-refusals-20261206-1400.csv.");
        // An upload's report is deleted with it: the page listed the refusals instead.
        assertThat(AuditedImport.sentence(outcome, false)).isEqualTo(refused);
    }
}
