package org.stagedoor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import org.stagedoor.batch.sharing.SharingFixtures;
import org.stagedoor.security.ApiTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on the test database: it migrates, starts the web server and reports UP. It neither fires
 * nor sends: a node of this context would take the runs and mail of other test classes (PortalIntegrationTest).
 */
class StagedoorApplicationIntegrationTests extends WebServerIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void healthIsUpOnTheMigratedStore() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(jdbc.sql("select count(*) from venue").query(Integer.class).single()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1_000, 3_000_000 })
    void aRunFileComesDownWholeFromTheRealServer(int bytes, @TempDir Path directory) throws Exception {
        // Above 48 KB Tomcat sends the file itself (sendfile); below, Spring copies it. Either way every byte, once.
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        Path file = Files.write(directory.resolve("run.csv"), content);
        SharingFixtures fixtures = new SharingFixtures(jdbc);
        long partner = fixtures.partner("Sendfile Productions " + bytes);
        long run = fixtures.run(partner, "COMPLETED", Instant.now().minusSeconds(3600));
        jdbc.sql("update report_run set location = :location, file_size = :size, expires_at = now() + interval '1 day'"
                + " where id = :run").param("location", file.toString()).param("size", bytes).param("run", run)
                .update();
        String token = context.getBean(ApiTokens.class).issue(partner, "downloads", 1, "tests").token();

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/portal/runs/" + run + "/file"))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(bytes);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).startsWith("attachment"));
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void aConfiguredDatasourceStartsNoEmbeddedDatabaseAndLoadsNoDemoData() throws Exception {
        // With spring.datasource.url set (as here) the embedded default and its demo loader stay off.
        assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
        assertThat(context.getBeanNamesForType(Class.forName("org.stagedoor.demo.DemoDataLoader"))).isEmpty();
    }
}
