/**
 * Schedules on clustered Quartz: their fires, fan-out per partner company and runs on the cluster. API:
 * Schedules, Schedule, ScheduleRequest, When, CronWords, FanOut, MisfirePolicy, ClusteredRuns, ListSends.
 */
package org.stagedoor.scheduler.schedule;
