package org.stagedoor.booking.venue;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VenueProperties.class)
class VenueConfiguration {
}
