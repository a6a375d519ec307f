package org.stagedoor.scheduler.delivery;

/**
 * How a report reaches its recipient: the file attached to the mail, or a link to it on the portal. A file
 * larger than {@link DeliverySettings#maxAttachmentSize()} is always sent as a link, whatever was asked.
 */
public enum DeliveryMode {

    ATTACHMENT, LINK
}
