package org.stagedoor.scheduler.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.scheduler.delivery.DeliveryMode;

/**
 * A row of {@code schedule}, with its fixed recipients.
 *
 * @param savedReportId the saved report or customer list each fire runs, at its newest version
 * @param reportId the kind of that definition (which never changes), kept for reading without it
 * @param parameters the values chosen for the definition's open parameters; the others are the definition's
 * @param format the file chosen when the definition leaves it open; null for the definition's
 * @param sends for a personal-data list, the whole list each time or only the changes
 */
public record Schedule(long id, String name, long savedReportId, String reportId, Map<String, String> parameters,
        OutputFormat format, String cronExpression, ZoneId timeZone, MisfirePolicy misfirePolicy, FanOut fanOut,
        Long partnerCompanyId, DeliveryMode deliveryMode, boolean sendToPartnerUsers, List<String> recipients,
        boolean enabled, String createdBy, Instant createdAt, Instant updatedAt, Instant deletedAt, ListSends sends) {

    FireTimes fireTimes() {
        return FireTimes.of(cronExpression, timeZone);
    }
}
