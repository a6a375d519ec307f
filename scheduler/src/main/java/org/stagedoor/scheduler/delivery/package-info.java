/**
 * The delivery outbox: report and notice messages written in the caller's transaction, sent and retried later, by
 * mail or to a partner company's SFTP server or web address; the dev mailbox. API: DeliveryOutbox, Deliveries,
 * Delivery, DeliveryStatus, DeliveryMode, Recipient, DeliverySettings, DevMailbox, FinishedRunMessages.
 */
package org.stagedoor.scheduler.delivery;
