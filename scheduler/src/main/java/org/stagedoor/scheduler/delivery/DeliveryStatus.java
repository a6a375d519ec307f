package org.stagedoor.scheduler.delivery;

/**
 * Where a delivery stands. PENDING waits for its next attempt; SENDING is claimed by a node that is talking to
 * the mail server; SENT was accepted by it; FAILED will not be tried again (a permanent rejection, too many
 * attempts, or nothing left to send); UNKNOWN may or may not have reached the server and is never sent again
 * without an administrator's decision, since sending it again could deliver it twice.
 */
public enum DeliveryStatus {

    PENDING, SENDING, SENT, FAILED, UNKNOWN
}
