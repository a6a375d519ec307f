package org.stagedoor.bench;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The booking core and the batch jobs without the web application, for the benchmark programs. The scheduler is
 * on the bench's classpath for the fan-out bench only ({@code org.stagedoor.bench.fanout}): left out here, so that
 * the report and subject-access benches start no Quartz node, delivery sender or dev mailbox. Quartz's
 * auto-configuration goes with it: without the scheduler's beans it would only start an empty in-memory scheduler.
 * (Spelled out rather than {@code @SpringBootApplication}, whose own scan would bring the scheduler back.)
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration")
// Repositories (Spring Data JDBC) are found under the auto-configuration package: the root, as for the application.
@AutoConfigurationPackage(basePackages = "org.stagedoor")
@ComponentScan(basePackages = "org.stagedoor", excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = { "org\\.stagedoor\\.scheduler\\..*", "org\\.stagedoor\\.bench\\.fanout\\..*" }))
public class BenchApplication {
}
