package org.stagedoor;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import org.stagedoor.booking.store.StoreIntegrationTest;

/**
 * Base of the tests that need the real web server (a random port) rather than MockMvc: the whole application on the
 * test database, firing nothing and sending nothing by itself. Every such test class shares this one configuration,
 * so one context, and one server, serves them all instead of one each.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.reports.directory=target/web-server-test-reports" })
public abstract class WebServerIntegrationTest extends StoreIntegrationTest {
}
