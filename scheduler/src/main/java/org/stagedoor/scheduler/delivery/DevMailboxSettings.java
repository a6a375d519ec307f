package org.stagedoor.scheduler.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded mail server used when no real one is configured.
 *
 * @param port where it listens on the loopback address; 0 picks a free port
 */
@ConfigurationProperties("stagedoor.dev-mailbox")
record DevMailboxSettings(@DefaultValue("3025") int port) {
}
