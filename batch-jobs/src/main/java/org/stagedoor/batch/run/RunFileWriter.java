package org.stagedoor.batch.run;

import java.io.IOException;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/** The rows step's writer: each chunk of rows goes into the run's file. */
class RunFileWriter implements ItemStreamWriter<Object[]> {

    private final RunFile runFile;

    RunFileWriter(RunFile runFile) {
        this.runFile = runFile;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        try {
            runFile.open();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not create the run's file: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void write(Chunk<? extends Object[]> chunk) throws IOException {
        runFile.write(chunk.getItems());
    }
}
