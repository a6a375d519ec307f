package org.stagedoor.demo.generator;

import java.util.Arrays;

/** A growable list of ints: a million relationship ends in 4 MB rather than in boxed objects. */
final class IntList {

    private int[] values = new int[64];

    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** How many leading values are at most {@code limit}; the values must be in ascending order. */
    int countAtMost(int limit) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (values[middle] <= limit) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        return low;
    }
}
