package org.stagedoor.batch.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import org.stagedoor.batch.sharing.ListChanges;
import org.stagedoor.batch.sharing.SharedCustomer;

/**
 * The rows step's writer: each chunk of rows goes into the run's file. In a partner run with personal data,
 * each row also brings its customer's sharing-ledger entry, handed to the run's {@link LedgerLoader}.
 */
class RunFileWriter implements ItemStreamWriter<Object[]> {

    private final RunFile runFile;

    private final LedgerLoader loader;

    private final ListChanges changes;

    RunFileWriter(RunFile runFile, LedgerLoader loader, ListChanges changes) {
        this.runFile = runFile;
        this.loader = loader;
        this.changes = changes;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        try {
            runFile.open();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not create the run's file: " + ex.getMessage(), ex);
        }
        if (runFile.query().ledger()) {
            // The step writes every row again on restart, so its leavers start afresh too (its ledger and notices:
            // LedgerLoader#begin).
            changes.restart(runFile.run().id());
        }
    }

    @Override
    public void write(Chunk<? extends Object[]> chunk) throws IOException {
        if (!runFile.query().ledger()) {
            runFile.write(chunk.getItems());
            return;
        }
        int width = runFile.query().columns().size();
        List<Object[]> rows = new ArrayList<>(chunk.size());
        List<SharedCustomer> shared = new ArrayList<>(chunk.size());
        List<ListChanges.Leaver> leavers = new ArrayList<>();
        boolean delta = ListDelta.isDelta(runFile.query());
        for (Object[] item : chunk.getItems()) {
            rows.add(Arrays.copyOf(item, width));
            SharedCustomer customer = (SharedCustomer) item[width];
            if (delta && ListDelta.Change.LEFT.name().equals(item[0])) {
                // Told that they left, by number: nothing of theirs is shared, so no ledger entry.
                leavers.add(new ListChanges.Leaver(customer.customerId(), (String) item[1]));
            }
            else {
                shared.add(customer);
            }
        }
        changes.recordLeavers(runFile.run().id(), runFile.run().partnerCompanyId(), leavers);
        loader.load(shared);
        runFile.write(rows);
    }
}
