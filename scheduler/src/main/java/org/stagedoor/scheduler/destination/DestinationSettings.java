package org.stagedoor.scheduler.destination;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How deliveries talk to partners' servers. (Their secrets are encrypted under the venue's secret key: {@code
 * stagedoor.secret.key}.)
 *
 * @param linkValidity how long the download link a web address is given can be followed
 * @param connectTimeout longest wait to reach a partner's server
 * @param readTimeout longest wait for a partner's server to answer a request
 */
@ConfigurationProperties("stagedoor.destinations")
public record DestinationSettings(
        @DefaultValue("72h") Duration linkValidity,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {

    public DestinationSettings {
        if (linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalArgumentException("stagedoor.destinations.link-validity must be longer than nothing");
        }
    }
}
