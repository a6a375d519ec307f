package org.stagedoor.batch.run;

/** A saved report or customer list as it was at one version: what a run records it ran. */
public record SavedRef(long id, int version) {
}
