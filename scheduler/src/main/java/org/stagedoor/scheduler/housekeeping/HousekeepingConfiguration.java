package org.stagedoor.scheduler.housekeeping;

import java.time.Duration;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * Deletes expired run files every night, on one node of the cluster: a durable Quartz job with a cron
 * trigger, registered by every node (the same job and trigger, so registering again changes nothing).
 * A Quartz cron trigger is fine here, unlike for schedules: its default time (03:15) is outside the hour
 * clocks skip or repeat in Europe, and a missed night is caught up by the next.
 */
@Configuration(proxyBeanMethods = false)
class HousekeepingConfiguration {

    static final String JOB = "report-housekeeping";

    @Bean
    JobDetail nightlyHousekeepingJob() {
        return JobBuilder.newJob(HousekeepingJob.class)
                .withIdentity(JOB, "housekeeping")
                .withDescription("Deletes run files past their retention")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger nightlyHousekeepingTrigger(JobDetail nightlyHousekeepingJob, VenueProperties venue,
            @Value("${stagedoor.scheduler.housekeeping-cron:0 15 3 * * ?}") String cron) {
        return TriggerBuilder.newTrigger()
                .withIdentity(JOB, "housekeeping")
                .forJob(nightlyHousekeepingJob)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(venue.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /** On every node that fires schedules; a command or a node that only manages them leaves it to those. */
    @Bean
    @ConditionalOnBooleanProperty(name = "stagedoor.scheduler.auto-startup", matchIfMissing = true)
    AbandonedRuns abandonedRuns(ReportLauncher launcher,
            @Value("${stagedoor.scheduler.abandoned-runs-check:1m}") Duration every,
            @Value("${stagedoor.scheduler.abandoned-run-grace:2m}") Duration grace) {
        return new AbandonedRuns(launcher, every, grace);
    }
}
