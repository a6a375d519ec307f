package org.stagedoor.booking;

/**
 * A request that breaks one of the numbered domain rules (docs/domain-rules.md). The message says what
 * was wrong in words a box-office user understands; {@link #rule()} names the rule, e.g. {@code F-2}.
 */
public class BookingRuleViolation extends InvalidBookingRequest {

    private static final long serialVersionUID = 1L;

    private final String rule;

    private final String words;

    public BookingRuleViolation(String rule, String message) {
        super(rule + ": " + message);
        this.rule = rule;
        this.words = message;
    }

    /** The message without the rule's code, which people using the product do not read. */
    @Override
    public String words() {
        return words;
    }

    public String rule() {
        return this.rule;
    }
}
