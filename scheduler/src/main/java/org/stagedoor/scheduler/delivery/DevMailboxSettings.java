package org.stagedoor.scheduler.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded mail server used when no real one is configured.
 *
 * @param port where it listens on the loopback address; 0 (unless set) picks a free port, so that two applications
 *     on one machine never clash; the log says which
 */
@ConfigurationProperties("stagedoor.dev-mailbox")
record DevMailboxSettings(@DefaultValue("0") int port) {
}
