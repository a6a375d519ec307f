package org.stagedoor.bench.fanout;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import org.stagedoor.bench.BenchApplication;

/**
 * A scheduler node as the application runs it, without the web application: the booking core, the batch jobs and
 * the scheduler (Quartz on the clustered JDBC store, the delivery outbox). Scans the whole {@code org.stagedoor}
 * tree as the application does, except the other benches' {@link BenchApplication}, which leaves the scheduler out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
// Repositories (Spring Data JDBC) are found under the auto-configuration package: the root, as for the application.
@AutoConfigurationPackage(basePackages = "org.stagedoor")
@ComponentScan(basePackages = "org.stagedoor", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = BenchApplication.class) })
public class FanOutBenchApplication {
}
