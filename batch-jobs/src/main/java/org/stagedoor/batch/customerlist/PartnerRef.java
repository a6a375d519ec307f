package org.stagedoor.batch.customerlist;

/**
 * The partner company a segment is about: a partner company's id, or {@code "run"} in JSON (an id of
 * null here), meaning whichever partner company the list is run for, so that one definition can run
 * for each partner company in turn.
 */
public record PartnerRef(Long id) {

    /** The partner company the list is run for. */
    public static final PartnerRef RUN = new PartnerRef(null);

    public static PartnerRef of(long id) {
        return new PartnerRef(id);
    }

    public boolean isRun() {
        return id == null;
    }

    /** {@code run} or the id, as written in JSON. */
    @Override
    public String toString() {
        return isRun() ? "run" : id.toString();
    }
}
