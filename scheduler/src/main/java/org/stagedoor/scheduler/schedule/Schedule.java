package org.stagedoor.scheduler.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.scheduler.delivery.DeliveryMode;

/** A row of {@code schedule}, with its fixed recipients. */
public record Schedule(long id, String name, String reportId, Map<String, String> parameters, OutputFormat format,
        String cronExpression, ZoneId timeZone, MisfirePolicy misfirePolicy, FanOut fanOut, Long partnerCompanyId,
        DeliveryMode deliveryMode, boolean sendToPartnerUsers, List<String> recipients, boolean enabled,
        String createdBy, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    FireTimes fireTimes() {
        return FireTimes.of(cronExpression, timeZone);
    }
}
