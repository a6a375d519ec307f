package org.stagedoor.scheduler.schedule;

/** What a schedule does about a fire missed while no node could take it (all down, or the schedule paused). */
public enum MisfirePolicy {
    /** Run once as soon as a node can, however many fires were missed. */
    RUN_ONCE,
    /** Skip what was missed and wait for the next fire time. */
    SKIP
}
