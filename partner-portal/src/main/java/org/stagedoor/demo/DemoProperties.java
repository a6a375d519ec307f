package org.stagedoor.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Whether the embedded database gets the seeded demo venue on first start. */
@ConfigurationProperties("stagedoor.demo")
record DemoProperties(@DefaultValue("true") boolean enabled) {
}
