package org.stagedoor.batch.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import org.stagedoor.batch.output.RunLogging;
import org.stagedoor.batch.sharing.SharedCustomer;
import org.stagedoor.batch.sharing.SharingLedger;

/**
 * Writes a run's sharing-ledger entries on threads and connections of their own, a few chunks behind its file, so
 * that PostgreSQL checks and indexes them while the rows step goes on reading and writing (written in the chunk's
 * transaction, the entries had made the opted-in list take three times as long as its file alone). Each chunk's
 * entries commit on their own; the finalise step completes the run only once every entry is written
 * ({@link #awaitLoaded}), and a failed run's restart writes its ledger afresh ({@link #begin}).
 *
 * <p>Writing the entries is what a partner list's run waits for last, so two chunks are written at once (the
 * entries' order in the ledger means nothing), their {@code COPY} text is made on the step's thread, and the
 * earlier attempt's entries are removed and the withdrawal notices found while the run's statement computes its
 * first rows (decision 0012).
 */
// Spring closes this bean when its step scope ends; no try-with-resources could be interrupted in close().
@SuppressWarnings("try")
class LedgerLoader implements AutoCloseable {

    /** Chunks in flight at most: memory stays bounded, and a failure stops the step within a few chunks. */
    private static final int CHUNKS_BEHIND = 4;

    /** Chunks written at once, each on a connection of its own ({@link RunSlots#CONNECTIONS_PER_RUN}). */
    static final int WRITERS = 2;

    private final SharingLedger ledger;

    private final long runId;

    private final ExecutorService thread;

    private final Deque<Future<Integer>> pending = new ArrayDeque<>();

    private long loaded;

    /** The removal of an earlier attempt's entries, which every chunk's entries wait for. */
    private Future<Integer> begun;

    LedgerLoader(SharingLedger ledger, long runId) {
        this.ledger = ledger;
        this.runId = runId;
        this.thread = Executors.newFixedThreadPool(WRITERS, runnable -> {
            Thread loader = new Thread(RunLogging.carried(runnable), "ledger-run-" + runId);
            loader.setDaemon(true);
            return loader;
        });
    }

    /**
     * Before the rows step reads its first row: the step writes every row again on restart, so the ledger and the
     * withdrawal notices of an earlier attempt are removed, and the notices due at the cut-off found again, on a
     * writer's thread while the statement computes its first rows; every chunk's entries wait for it.
     */
    static StepExecutionListener beginsWith(RunFile runFile, LedgerLoader loader) {
        return new StepExecutionListener() {

            @Override
            public void beforeStep(StepExecution stepExecution) {
                if (runFile.query().ledger()) {
                    loader.begin(runFile.run());
                }
            }
        };
    }

    void begin(ReportRun run) {
        begun = thread.submit(() -> {
            ledger.restart(run.id());
            ledger.noticeWithdrawals(run.id(), run.partnerCompanyId(), run.cutoffAt());
            return 0;
        });
        pending.addLast(begun);
    }

    /** Queues a chunk's entries, after waiting for the oldest when {@value #CHUNKS_BEHIND} are in flight. */
    void load(List<SharedCustomer> customers) {
        SharingLedger.Entries entries = SharingLedger.entries(runId, customers);
        while (pending.size() >= CHUNKS_BEHIND) {
            collect(pending.removeFirst());
        }
        Future<Integer> first = begun;
        pending.addLast(thread.submit(() -> {
            if (first != null) {
                // Fails this chunk too if the earlier entries could not be removed.
                first.get();
            }
            ledger.record(entries);
            return entries.count();
        }));
    }

    /** Waits for every queued entry; fails if any could not be written. Returns how many were written. */
    long awaitLoaded() {
        while (!pending.isEmpty()) {
            collect(pending.removeFirst());
        }
        return loaded;
    }

    private void collect(Future<Integer> chunk) {
        try {
            loaded += chunk.get();
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Could not write run " + runId + "'s sharing ledger: "
                    + ex.getCause().getMessage(), ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted writing run " + runId + "'s sharing ledger", ex);
        }
    }

    /**
     * At the end of the job execution, completed or not: the entries of every chunk that reached the file are
     * written before the execution ends (a failed run's, too, until its restart replaces them).
     */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
            thread.shutdownNow();
        }
    }
}
