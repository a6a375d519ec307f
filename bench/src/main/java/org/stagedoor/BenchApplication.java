package org.stagedoor;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The booking core and the batch jobs without the web application, for the benchmark programs. */
@SpringBootApplication
public class BenchApplication {
}
