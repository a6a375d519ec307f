package org.stagedoor.booking;

/**
 * A request the booking core refuses: a basket with nothing in it, a sold-out performance, a price
 * below zero, a name already taken. The message says what was wrong. Refusals under one of the
 * numbered domain rules are the more specific {@link BookingRuleViolation}.
 */
public class InvalidBookingRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidBookingRequest(String message) {
        super(message);
    }

    /** What a person is told: the message, without anything meant for developers. */
    public String words() {
        return getMessage();
    }
}
