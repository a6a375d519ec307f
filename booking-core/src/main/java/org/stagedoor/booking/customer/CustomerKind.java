package org.stagedoor.booking.customer;

public enum CustomerKind {
    INDIVIDUAL, ORGANISATION
}
