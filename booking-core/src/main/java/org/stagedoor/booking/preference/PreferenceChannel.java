package org.stagedoor.booking.preference;

/** P-8: through which channel a preference was set. */
public enum PreferenceChannel {

    ONLINE_CHECKOUT(true, "Online checkout"), BOX_OFFICE(false, "Box office"), ACCOUNT_PAGE(true, "Account page"),
    ADMINISTRATOR(false, "Administrator"), IMPORT(false, "Imported");

    private final boolean online;

    private final String words;

    PreferenceChannel(boolean online, String words) {
        this.online = online;
        this.words = words;
    }

    /** Online a customer answers YES or NO only; NOT_ASKED is for staff (P-4). */
    public boolean isOnline() {
        return online;
    }

    /** The channel as people read it in files and pages; the one place this family is worded. */
    public String words() {
        return words;
    }
}
