package org.stagedoor;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boots the scheduler with the batch jobs and the booking core, as its integration tests do. It sits in
 * the root package, like the application itself, so that scanning covers every module.
 */
@SpringBootApplication
public class SchedulerTestApplication {
}
