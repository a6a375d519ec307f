package org.stagedoor.batch.run;

import java.time.Duration;

/** A customer list's count was stopped after {@link ReportSettings#countTimeout()}; the message says so in words. */
public class CountTookTooLong extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CountTookTooLong(Duration limit, Throwable cause) {
        super("Counting this list took longer than " + words(limit) + ", so it was stopped. The list can still be"
                + " run; to count it here, narrow it down, for example with a shorter period.", cause);
    }

    private static String words(Duration limit) {
        long millis = limit.toMillis();
        if (millis % 1000 != 0) {
            return millis + " milliseconds";
        }
        return millis == 1000 ? "1 second" : millis / 1000 + " seconds";
    }
}
