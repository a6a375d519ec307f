package org.stagedoor.scheduler.destination;

/** Where a destination's deliveries go: a file uploaded to an SFTP server, or a web address told it is ready. */
public enum DestinationKind {

    SFTP, WEBHOOK
}
