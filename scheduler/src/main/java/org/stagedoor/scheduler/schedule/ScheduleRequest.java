package org.stagedoor.scheduler.schedule;

import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.scheduler.delivery.DeliveryMode;

/**
 * A schedule as an administrator asks for it.
 *
 * @param name what recipients see first in the subject ("Weekly sales")
 * @param savedReport the saved report or customer list to run (each fire runs its newest version)
 * @param parameters values for the definition's open parameters (the others are the definition's); relative
 *        periods ({@code previous-week}) resolve at each fire
 * @param format CSV or XLSX when the definition leaves the format open; null for the definition's
 * @param when a cron expression or a preset
 * @param timeZone the zone its times are read in; null for the venue's
 * @param misfirePolicy what a missed fire does; null for {@link MisfirePolicy#RUN_ONCE}
 * @param fanOut for whom each fire runs
 * @param partnerCompanyId the partner company of {@link FanOut#ONE_PARTNER}, otherwise null
 * @param deliveryMode attachment or portal link; null for the default (a link for personal data sent to
 *        partner companies, otherwise the attachment)
 * @param sendToPartnerUsers send to the partner company's users who subscribed to the schedule
 * @param recipients fixed addresses, sent every partner company's run (marketing staff, say)
 * @param enabled false to create it paused; null for enabled
 * @param requestedBy who creates or changes it
 * @param sends for a personal-data list run for partner companies, only the changes since the last delivery that
 *        arrived; null for the whole list each time
 */
public record ScheduleRequest(String name, Long savedReport, Map<String, String> parameters, OutputFormat format,
        When when, String timeZone, MisfirePolicy misfirePolicy, FanOut fanOut, Long partnerCompanyId,
        DeliveryMode deliveryMode, boolean sendToPartnerUsers, List<String> recipients, Boolean enabled,
        String requestedBy, ListSends sends) {

    /** A schedule that sends the whole list each time (what every schedule did before changes could be sent). */
    public ScheduleRequest(String name, Long savedReport, Map<String, String> parameters, OutputFormat format,
            When when, String timeZone, MisfirePolicy misfirePolicy, FanOut fanOut, Long partnerCompanyId,
            DeliveryMode deliveryMode, boolean sendToPartnerUsers, List<String> recipients, Boolean enabled,
            String requestedBy) {
        this(name, savedReport, parameters, format, when, timeZone, misfirePolicy, fanOut, partnerCompanyId,
                deliveryMode, sendToPartnerUsers, recipients, enabled, requestedBy, null);
    }

    public ScheduleRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
