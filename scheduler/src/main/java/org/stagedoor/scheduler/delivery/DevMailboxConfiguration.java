package org.stagedoor.scheduler.delivery;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With no mail server configured ({@code spring.mail.host}, or {@code spring.mail.jndi-name}: what makes Spring
 * Boot set up its own sender), mail goes to the {@link DevMailbox}. With one configured, Spring Boot's sender is
 * used and no embedded server starts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DevMailboxConfiguration.NoMailServer.class)
@EnableConfigurationProperties(DevMailboxSettings.class)
class DevMailboxConfiguration {

    @Bean
    DevMailbox devMailbox(DevMailboxSettings settings) {
        return new DevMailbox(settings.port());
    }

    @Bean
    JavaMailSenderImpl mailSender(DevMailbox mailbox) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(mailbox.host());
        sender.setPort(mailbox.port());
        sender.setDefaultEncoding("UTF-8");
        return sender;
    }

    /** The opposite of Spring Boot's condition for its mail sender: neither property present (and not "false"). */
    static class NoMailServer implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            return !set(environment, "spring.mail.host") && !set(environment, "spring.mail.jndi-name");
        }

        private static boolean set(Environment environment, String property) {
            return environment.containsProperty(property)
                    && !"false".equalsIgnoreCase(environment.getProperty(property));
        }
    }
}
