package org.stagedoor.booking.relationship;

/** One side of a relationship type: A is the first label ("Parent"), B the second ("Child"). */
public enum Side {
    A, B
}
