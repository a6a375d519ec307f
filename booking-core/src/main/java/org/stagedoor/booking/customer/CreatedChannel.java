package org.stagedoor.booking.customer;

/** How a customer record came to be; {@link #ONLINE_SOMEONE_ELSE} marks possible duplicates (F-6). */
public enum CreatedChannel {
    BOX_OFFICE, ONLINE, ONLINE_SOMEONE_ELSE, ADMINISTRATOR, IMPORT
}
