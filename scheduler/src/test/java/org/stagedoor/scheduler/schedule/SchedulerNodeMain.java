package org.stagedoor.scheduler.schedule;

import org.springframework.boot.SpringApplication;

import org.stagedoor.SchedulerTestApplication;

/** A second scheduler node in a process of its own, for the cluster tests; its settings come as arguments. */
public final class SchedulerNodeMain {

    private SchedulerNodeMain() {
    }

    public static void main(String[] args) {
        SpringApplication.run(SchedulerTestApplication.class, args);
    }
}
