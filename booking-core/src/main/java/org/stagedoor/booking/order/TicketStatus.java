package org.stagedoor.booking.order;

public enum TicketStatus {
    SOLD, RETURNED
}
