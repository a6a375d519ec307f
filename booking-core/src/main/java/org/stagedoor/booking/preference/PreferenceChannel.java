package org.stagedoor.booking.preference;

/** P-8: through which channel a preference was set. */
public enum PreferenceChannel {

    ONLINE_CHECKOUT(true), BOX_OFFICE(false), ACCOUNT_PAGE(true), ADMINISTRATOR(false), IMPORT(false);

    private final boolean online;

    PreferenceChannel(boolean online) {
        this.online = online;
    }

    /** Online a customer answers YES or NO only; NOT_ASKED is for staff (P-4). */
    public boolean isOnline() {
        return online;
    }
}
