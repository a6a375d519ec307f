package org.stagedoor.scheduler.destination;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The destinations' settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DestinationSettings.class)
class DestinationConfiguration {
}
