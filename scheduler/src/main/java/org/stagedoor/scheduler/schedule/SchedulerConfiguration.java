package org.stagedoor.scheduler.schedule;

import java.util.Properties;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Quartz on the application's PostgreSQL, clustered: every node shares the job store, takes triggers
 * under the store's row lock and checks in at a fixed interval, so each fire runs once, on one node, and
 * the work of a node that stops checking in is recovered by another. Quartz works in the application's
 * transactions, so a schedule's row and its triggers change together.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleSettings.class)
class SchedulerConfiguration {

    @Bean
    SchedulerFactoryBeanCustomizer stagedoorQuartz(DataSource dataSource, PlatformTransactionManager transactionManager,
            QuartzProperties quartz, ScheduleSettings settings) {
        return factory -> {
            factory.setSchedulerName(settings.name());
            factory.setDataSource(dataSource);
            factory.setTransactionManager(transactionManager);
            factory.setAutoStartup(settings.autoStartup());
            factory.setOverwriteExistingJobs(true);
            factory.setQuartzProperties(quartzProperties(quartz, settings));
        };
    }

    /** Stagedoor's settings, under any {@code spring.quartz.properties.*} given explicitly. */
    static Properties quartzProperties(QuartzProperties quartz, ScheduleSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", settings.name());
        // AUTO: a distinct id per node (host name and start time); the default id is the same on every node.
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(settings.clusterCheckinInterval().toMillis()));
        // Two nodes must never acquire the same trigger: acquisition happens under the TRIGGER_ACCESS row lock.
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold",
                Long.toString(settings.misfireThreshold().toMillis()));
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.putAll(quartz.getProperties());
        return properties;
    }
}
