/**
 * The mail outbox: report and notice messages written in the caller's transaction, sent and retried later; the dev
 * mailbox. API: DeliveryOutbox, Deliveries, Delivery, DeliveryStatus, DeliveryMode, Recipient, DeliverySettings,
 * DevMailbox.
 */
package org.stagedoor.scheduler.delivery;
