package org.stagedoor.scheduler.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node takes part in the schedule cluster.
 *
 * @param autoStartup start firing schedules when the application starts (off: the node only manages them)
 * @param threads how many fires and runs this node executes at once
 * @param clusterCheckinInterval how often the node tells the others it is alive; a node silent for longer
 *        (plus Quartz's grace) is taken for dead and its work recovered elsewhere
 * @param misfireThreshold how late a fire may be and still count as on time (a later one is a misfire,
 *        handled by the schedule's misfire policy)
 * @param overdueMargin how long an enabled schedule may be past its fire time before the node's health is DOWN
 * @param name the cluster's name, the same on every node of a venue (its rows in Quartz's tables carry it); Quartz
 *        keeps one data source per name for the whole JVM, so two application contexts in one JVM (tests) that do
 *        not live and end together need names of their own
 */
@ConfigurationProperties("stagedoor.scheduler")
public record ScheduleSettings(
        @DefaultValue("true") boolean autoStartup,
        @DefaultValue("4") int threads,
        @DefaultValue("5s") Duration clusterCheckinInterval,
        @DefaultValue("60s") Duration misfireThreshold,
        @DefaultValue("5m") Duration overdueMargin,
        @DefaultValue("stagedoor") String name) {
}
