package org.stagedoor.scheduler.delivery;

import java.util.regex.Pattern;

/**
 * Who receives a scheduled report: an address, and the partner user behind it ({@code null} for a fixed
 * address of the schedule, such as the venue's marketing staff).
 */
public record Recipient(String email, Long partnerUserId) {

    /** What the {@code delivery} table accepts as an address (its check constraint). */
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /**
     * @throws IllegalArgumentException for something that is not an address: refused here, so that it cannot fail
     *         the caller's transaction (the one completing the run) at the database
     */
    public Recipient {
        email = email == null ? null : email.strip();
        if (!isAddress(email)) {
            throw new IllegalArgumentException("Not an email address: '" + email + "'");
        }
    }

    public static boolean isAddress(String email) {
        return email != null && ADDRESS.matcher(email).matches();
    }

    /** A fixed address, not a partner user. */
    public static Recipient address(String email) {
        return new Recipient(email, null);
    }
}
