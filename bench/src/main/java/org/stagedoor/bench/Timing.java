package org.stagedoor.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seconds of a measurement's counted rounds (warm-up rounds left out): its median and its spread. A baseline
 * in a JVM of its own hands them over as one line of text ({@link #text()}, {@link #parse}).
 */
record Timing(List<Double> rounds) {

    Timing {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a timing needs at least one counted round");
        }
        rounds = rounds.stream().sorted().toList();
    }

    static Timing parse(String text) {
        return new Timing(Arrays.stream(text.trim().split(" ")).map(Double::valueOf).toList());
    }

    double median() {
        int middle = rounds.size() / 2;
        return rounds.size() % 2 == 1 ? rounds.get(middle) : (rounds.get(middle - 1) + rounds.get(middle)) / 2;
    }

    /** The fastest and slowest counted round, "0.81–0.97". */
    String spread() {
        return String.format(Locale.ROOT, "%.2f–%.2f", rounds.get(0), rounds.get(rounds.size() - 1));
    }

    String text() {
        return String.join(" ", rounds.stream().map(String::valueOf).toList());
    }
}
