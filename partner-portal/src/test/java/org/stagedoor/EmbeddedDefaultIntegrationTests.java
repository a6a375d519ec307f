package org.stagedoor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.cli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command in miniature: with no datasource configured the application starts its own
 * PostgreSQL, migrates it, loads the demo venue once, and reports UP; a second start keeps the data.
 */
@DisabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = ".+",
        disabledReason = "a configured datasource switches the embedded default off")
class EmbeddedDefaultIntegrationTests {

    @TempDir
    Path home;

    @Test
    void withoutADatasourceTheApplicationRunsOnItsOwnPostgresWithTheDemoVenue() throws Exception {
        long customers;
        try (ConfigurableApplicationContext app = start()) {
            assertThat(health(app)).contains("\"status\":\"UP\"");
            customers = count(app, "customer");
            assertThat(customers).isEqualTo(2_000);
            assertThat(count(app, "partner_company")).isEqualTo(12);
            assertThat(count(app, "ticket")).isGreaterThan(10_000);
            assertThat(count(app, "schedule")).isEqualTo(2);
            assertThat(count(app, "schedule s join saved_report r on r.id = s.saved_report_id where r.standard"))
                    .as("the demo schedules run the venue's standard definitions").isEqualTo(2);
            assertThat(count(app, "qrtz_triggers where trigger_group = 'schedules'"))
                    .as("each demo schedule's next fire").isEqualTo(2);
            assertThat(count(app, "login_account")).as("the demo logins").isEqualTo(2);
        }
        try (ConfigurableApplicationContext again = start()) {
            assertThat(count(again, "customer")).as("kept between runs, not loaded twice").isEqualTo(customers);
        }
    }

    // The try is there for its close(); the resource is never read.
    @SuppressWarnings("try")
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aNewVenuesStoreSaysHowToCreateTheFirstAdministratorUntilOneIsCreated(CapturedOutput output) {
        String hint = "No administrator can sign in yet. Create the first one with: java -jar stagedoor.jar"
                + " create-admin --email you@your-venue.example --name \"Your Name\"";
        try (ConfigurableApplicationContext app = start("--stagedoor.demo.enabled=false")) {
            assertThat(output.getOut()).contains(hint);
            HikariDataSource store = app.getBean(HikariDataSource.class);

            int code = CommandLine.run(new String[] { "create-admin", "--email", "first@venue.example", "--name",
                    "Fran First", "--spring.datasource.url=" + store.getJdbcUrl(),
                    "--spring.datasource.username=" + store.getUsername() });

            assertThat(code).isEqualTo(CommandLine.OK);
            assertThat(output.getOut()).contains("Administrator first@venue.example created. To choose the password,"
                    + " open this link within 24 hours (it works once):");
            assertThat(count(app, "login_account where role = 'ADMIN' and password_hash is null")).isEqualTo(1);
        }
        int seen = output.getOut().length();
        try (ConfigurableApplicationContext again = start("--stagedoor.demo.enabled=false")) {
            assertThat(output.getOut().substring(seen)).doesNotContain("No administrator can sign in yet");
        }
    }

    private ConfigurableApplicationContext start(String... more) {
        // Command-line arguments, so that they win over application.properties (the user's own folders).
        List<String> arguments = new ArrayList<>(List.of(
                "--stagedoor.embedded-database.data-directory=" + home.resolve("postgres"),
                "--stagedoor.embedded-database.port=0", "--server.port=0", "--stagedoor.dev-mailbox.port=0",
                "--stagedoor.reports.directory=" + home.resolve("reports")));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(StagedoorApplication.class).run(arguments.toArray(String[]::new));
    }

    private static long count(ConfigurableApplicationContext app, String table) {
        // The table name is one of a fixed few in this test, never input.
        return app.getBean(JdbcClient.class).sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String health(ConfigurableApplicationContext app) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
