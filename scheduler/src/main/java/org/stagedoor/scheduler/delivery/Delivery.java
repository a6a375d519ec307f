package org.stagedoor.scheduler.delivery;

import java.time.Instant;

/**
 * A row of the {@code delivery} outbox: one message to one recipient, what it carries and how sending it went.
 * REPORT rows name their run (and, when a schedule made them, the schedule, its due time and the partner
 * company, 0 for the venue); NOTICE rows carry their text and the key that makes them unique per administrator.
 * A report to one of a partner company's destinations names it ({@code destinationId}); its recipient is then the
 * destination in words, and {@code linkUsedAt} says when the link a web address was given was followed.
 */
public record Delivery(long id, DeliveryKind kind, Long runId, Long scheduleId, Instant dueAt, Long partnerKey,
        String recipient, Long partnerUserId, DeliveryMode mode, String subject, String noticeKey, String noticeText,
        DeliveryStatus status, int attempts, Instant nextAttemptAt, String claimedBy, Instant claimedAt,
        Instant sentAt, String messageId, String lastError, Instant createdAt,
        Long destinationId, Instant linkUsedAt) {
}
