package org.stagedoor.booking.imports;

/**
 * One refused row (or file) of an import: where it is, the column at fault (empty when the whole line or file is), and
 * the reason in words a person can act on.
 */
public record Refusal(String file, long line, String field, String reason) {
}
