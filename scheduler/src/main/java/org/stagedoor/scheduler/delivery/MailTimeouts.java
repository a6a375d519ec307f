package org.stagedoor.scheduler.delivery;

import java.time.Duration;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Gives every {@link JavaMailSenderImpl} timeouts for connecting, reading and writing. JavaMail's defaults are
 * infinite: a mail server that accepts the connection and then says nothing would hold a sending thread (and its
 * claimed deliveries) forever. What {@code spring.mail.properties} sets is left as it is.
 */
class MailTimeouts implements BeanPostProcessor {

    private final ObjectProvider<DeliverySettings> settings;

    MailTimeouts(ObjectProvider<DeliverySettings> settings) {
        this.settings = settings;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof JavaMailSenderImpl sender) {
            apply(sender, settings.getObject());
        }
        return bean;
    }

    static void apply(JavaMailSenderImpl sender, DeliverySettings settings) {
        String protocol = sender.getProtocol() == null || sender.getProtocol().isBlank() ? "smtp"
                : sender.getProtocol();
        Properties properties = sender.getJavaMailProperties();
        putIfAbsent(properties, "mail." + protocol + ".connectiontimeout", settings.smtpConnectTimeout());
        putIfAbsent(properties, "mail." + protocol + ".timeout", settings.smtpReadTimeout());
        putIfAbsent(properties, "mail." + protocol + ".writetimeout", settings.smtpWriteTimeout());
        // Setting them again drops a session the sender may have made with the old ones.
        sender.setJavaMailProperties(properties);
    }

    private static void putIfAbsent(Properties properties, String key, Duration timeout) {
        if (!properties.containsKey(key)) {
            properties.setProperty(key, String.valueOf(timeout.toMillis()));
        }
    }
}
