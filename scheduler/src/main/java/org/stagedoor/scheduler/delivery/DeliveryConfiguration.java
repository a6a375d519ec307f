package org.stagedoor.scheduler.delivery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox's settings, the timeouts of the mail sender, and the background sender unless switched off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliverySettings.class)
class DeliveryConfiguration {

    /** Static: a post-processor is made before the other beans, without this configuration. */
    @Bean
    static MailTimeouts deliveryMailTimeouts(ObjectProvider<DeliverySettings> settings) {
        return new MailTimeouts(settings);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "stagedoor.delivery.sender-enabled", matchIfMissing = true)
    DeliveryPoller deliveryPoller(DeliverySender sender, DeliverySettings settings) {
        return new DeliveryPoller(sender, settings);
    }
}
