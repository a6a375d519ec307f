package org.stagedoor.batch.output;

/** A named, typed column of a report's output. */
public record Column(String name, ColumnType type) {
}
