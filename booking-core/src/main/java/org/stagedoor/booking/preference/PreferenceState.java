package org.stagedoor.booking.preference;

/** P-3: a customer's contact preference for one partner company. No record counts as NOT_ASKED. */
public enum PreferenceState {

    YES("Yes"), NO("No"), NOT_ASKED("Not asked");

    private final String words;

    PreferenceState(String words) {
        this.words = words;
    }

    /** The state as people read it in files and pages; the one place this family is worded. */
    public String words() {
        return words;
    }
}
