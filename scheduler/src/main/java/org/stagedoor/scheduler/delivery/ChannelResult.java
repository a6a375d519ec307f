package org.stagedoor.scheduler.delivery;

/**
 * What handing a report to a destination came to: the outcome, and when it went through, what the outbox keeps as
 * its message id (the file's path on the server, the web address's answer).
 */
record ChannelResult(SendOutcome outcome, String reference) {

    static ChannelResult sent(String reference) {
        return new ChannelResult(SendOutcome.sent(), reference);
    }

    static ChannelResult of(SendOutcome.Verdict verdict, String description) {
        return new ChannelResult(new SendOutcome(verdict, description), null);
    }
}
