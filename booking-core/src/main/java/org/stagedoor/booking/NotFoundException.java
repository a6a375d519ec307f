package org.stagedoor.booking;

/** A request that names a customer, event, partner company… that does not exist. */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, Object id) {
        super("No " + what + " with id " + id);
    }
}
