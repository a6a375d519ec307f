/**
 * A partner company's delivery destinations beyond email: SFTP servers (host key pinned, credentials encrypted) and
 * web addresses told when a file is ready (a secret to sign with, shown once). API: Destinations, Destination,
 * DestinationKind, SftpRequest, WebhookRequest, SftpAccess, SshConnections, DestinationSettings, SignedLinks,
 * WebhookSignature.
 */
package org.stagedoor.scheduler.destination;
