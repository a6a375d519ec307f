package org.stagedoor.batch.run;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import static org.assertj.core.api.Assertions.assertThat;

class PrefetchingReaderTests {

    @Test
    void deliversEveryRowInOrderAcrossBatchBoundaries() throws Exception {
        for (int size : new int[] { 0, 1, 1023, 1024, 1025, 5000 }) {
            PrefetchingReader<Integer> reader = new PrefetchingReader<>(new Numbers(size, -1), 2);
            reader.open(new ExecutionContext());
            List<Integer> read = new ArrayList<>();
            Integer row;
            while ((row = reader.read()) != null) {
                read.add(row);
            }
            reader.close();
            assertThat(read).as("%d rows", size).containsExactlyElementsOf(IntStream.range(0, size).boxed().toList());
            assertThat(reader.read()).isNull();
        }
    }

    @Test
    void rethrowsTheDelegatesFailureAfterTheRowsBeforeIt() throws Exception {
        PrefetchingReader<Integer> reader = new PrefetchingReader<>(new Numbers(3000, 2500), 2);
        reader.open(new ExecutionContext());
        int read = 0;
        IllegalStateException failure = null;
        try {
            while (reader.read() != null) {
                read++;
            }
        }
        catch (IllegalStateException ex) {
            failure = ex;
        }
        reader.close();
        assertThat(failure).hasMessage("row 2500 is broken");
        // Two whole batches of 1,024 reached the step; the rows of the broken batch never do.
        assertThat(read).isEqualTo(2048);
    }

    @Test
    void closingEarlyStopsTheFetcherAndClosesTheDelegate() throws Exception {
        Numbers numbers = new Numbers(1_000_000, -1);
        PrefetchingReader<Integer> reader = new PrefetchingReader<>(numbers, 2);
        reader.open(new ExecutionContext());
        assertThat(reader.read()).isZero();
        reader.close();
        assertThat(numbers.closed).isTrue();
    }

    /** 0, 1, 2 … up to {@code size}, failing at {@code failAt} when that is not negative. */
    static final class Numbers implements ItemStreamReader<Integer> {

        private final int size;

        private final int failAt;

        private int next;

        volatile boolean closed;

        Numbers(int size, int failAt) {
            this.size = size;
            this.failAt = failAt;
        }

        @Override
        public Integer read() {
            if (next == failAt) {
                throw new IllegalStateException("row " + next + " is broken");
            }
            return next < size ? next++ : null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
