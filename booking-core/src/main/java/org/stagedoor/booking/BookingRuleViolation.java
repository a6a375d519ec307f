package org.stagedoor.booking;

/**
 * A request that breaks one of the numbered domain rules (shared/DOMAIN.md). The message says what
 * was wrong in words a box-office user understands; {@link #rule()} names the rule, e.g. {@code F-2}.
 */
public class BookingRuleViolation extends InvalidBookingRequest {

    private static final long serialVersionUID = 1L;

    private final String rule;

    public BookingRuleViolation(String rule, String message) {
        super(rule + ": " + message);
        this.rule = rule;
    }

    public String rule() {
        return this.rule;
    }
}
