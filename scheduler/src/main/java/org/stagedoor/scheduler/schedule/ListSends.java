package org.stagedoor.scheduler.schedule;

/** What each fire of a schedule of a personal-data list sends to a partner company (issue 18). */
public enum ListSends {

    /** The whole list each time (every schedule before issue 18, and every report that is not such a list). */
    WHOLE_LIST("The whole list each time"),

    /** Only the customers who joined or left the list since the last delivery that arrived. */
    CHANGES("Only the changes since the last delivery");

    private final String words;

    ListSends(String words) {
        this.words = words;
    }

    /** The choice as the console shows it, after "Send:". */
    public String words() {
        return words;
    }
}
