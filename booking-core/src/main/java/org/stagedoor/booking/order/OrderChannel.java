package org.stagedoor.booking.order;

import org.stagedoor.booking.preference.PreferenceChannel;

public enum OrderChannel {

    BOX_OFFICE(PreferenceChannel.BOX_OFFICE), ONLINE(PreferenceChannel.ONLINE_CHECKOUT);

    private final PreferenceChannel preferenceChannel;

    OrderChannel(PreferenceChannel preferenceChannel) {
        this.preferenceChannel = preferenceChannel;
    }

    /** The channel a preference answered at this checkout is recorded with (P-8). */
    public PreferenceChannel preferenceChannel() {
        return preferenceChannel;
    }
}
