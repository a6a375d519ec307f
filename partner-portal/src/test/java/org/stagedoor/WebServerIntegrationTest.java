package org.stagedoor;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import org.stagedoor.booking.store.StoreIntegrationTest;

/**
 * Base of the tests that need the real web server (a random port) rather than MockMvc: the whole application on the
 * test database, firing nothing and sending nothing by itself. Every such test class shares this one configuration,
 * so one context, and one server, serves them all instead of one each. The failing page that
 * ErrorPagesIntegrationTests asks for is part of it, at a path no other test visits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.reports.directory=target/web-server-test-reports",
        "stagedoor.secret.key=web-server-tests-key-not-secret" })
@Import(WebServerIntegrationTest.FailingPage.class)
public abstract class WebServerIntegrationTest extends StoreIntegrationTest {

    /**
     * A page that fails with an exception nobody catches, whose message must never reach the person. Nested in a
     * test class, so that component scanning leaves it out of every other context.
     */
    @Controller
    public static class FailingPage {

        public static final String PATH = "/failing-page-for-tests";

        public static final String SECRET = "relation customer_secret";

        @GetMapping(PATH)
        String fail() {
            throw new IllegalStateException(SECRET);
        }
    }
}
