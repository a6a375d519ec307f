package org.stagedoor;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boots the batch jobs with the booking core, as their integration tests do. It sits in the root
 * package, like the application itself, so that scanning and the repositories cover every module.
 */
@SpringBootApplication
public class BatchJobsTestApplication {
}
