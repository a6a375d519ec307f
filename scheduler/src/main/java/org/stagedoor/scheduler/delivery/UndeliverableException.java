package org.stagedoor.scheduler.delivery;

/** There is nothing left to send for a delivery (its run or its file is gone): it fails without an attempt. */
class UndeliverableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UndeliverableException(String message) {
        super(message);
    }
}
