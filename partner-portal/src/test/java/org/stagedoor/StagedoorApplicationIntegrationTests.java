package org.stagedoor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.stagedoor.booking.store.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on the test database: it migrates, starts the web server and reports UP. It neither fires
 * nor sends: a node of this context would take the runs and mail of other test classes (PortalIntegrationTest).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false", "stagedoor.delivery.sender-enabled=false" })
class StagedoorApplicationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void testDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Test
    void healthIsUpOnTheMigratedStore() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(jdbc.sql("select count(*) from venue").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aConfiguredDatasourceStartsNoEmbeddedDatabaseAndLoadsNoDemoData() throws Exception {
        // With spring.datasource.url set (as here) the embedded default and its demo loader stay off.
        assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
        assertThat(context.getBeanNamesForType(Class.forName("org.stagedoor.demo.DemoDataLoader"))).isEmpty();
    }
}
