package org.stagedoor.batch.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import org.stagedoor.batch.output.RunLogging;

/**
 * Reads ahead of the step on a thread of its own, so that fetching and decoding rows from PostgreSQL
 * overlaps with writing the file on the other core. Rows arrive in the order the delegate reads them;
 * a failure of the delegate is rethrown to the step at the row where it happened.
 */
class PrefetchingReader<T> implements ItemStreamReader<T> {

    private static final int BATCH = 1024;

    private final ItemStreamReader<T> delegate;

    private final BlockingQueue<Batch<T>> queue;

    private Thread fetcher;

    private List<T> current = List.of();

    private int position;

    private boolean exhausted;

    private volatile boolean closing;

    PrefetchingReader(ItemStreamReader<T> delegate, int batchesAhead) {
        this.delegate = delegate;
        this.queue = new ArrayBlockingQueue<>(batchesAhead);
    }

    @Override
    public void open(ExecutionContext executionContext) {
        delegate.open(executionContext);
        closing = false;
        fetcher = new Thread(RunLogging.carried(this::fetch), "report-prefetch");
        fetcher.setDaemon(true);
        fetcher.start();
    }

    @Override
    public T read() throws Exception {
        if (position == current.size()) {
            if (exhausted) {
                return null;
            }
            Batch<T> next = queue.take();
            if (next.failure() != null) {
                exhausted = true;
                throw next.failure();
            }
            current = next.rows();
            position = 0;
            if (current.isEmpty()) {
                exhausted = true;
                return null;
            }
        }
        return current.get(position++);
    }

    @Override
    public void close() {
        closing = true;
        if (fetcher != null) {
            fetcher.interrupt();
            queue.clear();
            try {
                fetcher.join(TimeUnit.SECONDS.toMillis(30));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        delegate.close();
    }

    private void fetch() {
        try {
            while (!closing) {
                List<T> rows = new ArrayList<>(BATCH);
                T row;
                while (rows.size() < BATCH && (row = delegate.read()) != null) {
                    rows.add(row);
                }
                queue.put(new Batch<>(rows, null));
                if (rows.size() < BATCH) {
                    // A short batch is the last; an empty one tells the reader the rows are done.
                    if (!rows.isEmpty()) {
                        queue.put(new Batch<>(List.of(), null));
                    }
                    return;
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            if (!closing) {
                try {
                    queue.put(new Batch<>(List.of(), ex));
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private record Batch<T>(List<T> rows, Exception failure) {
    }
}
