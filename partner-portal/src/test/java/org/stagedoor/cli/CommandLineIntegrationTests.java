package org.stagedoor.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.batch.sharing.SharingFixtures;
import org.stagedoor.booking.store.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands of the application jar, with the exit codes and messages a script relies on. */
class CommandLineIntegrationTests {

    @TempDir
    Path directory;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    TestDatabase.Connection database;

    byte[] stdin = new byte[0];

    @BeforeEach
    void emptyStore() {
        database = TestDatabase.connection();
        // The schema may not exist yet (first use of the database); the first command migrates it.
        int code = run("run-report", "--report", "no-such-report");
        assertThat(code).isEqualTo(CommandLine.USAGE);
        org.stagedoor.booking.store.StoreReset.emptyAllTables(JdbcClient.create(
                new DriverManagerDataSource(database.url(), database.username(), database.password())));
        out.reset();
        err.reset();
    }

    @Test
    void anUnknownCommandOrMalformedOptionIsAUsageError() {
        assertThat(run("make-coffee")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("Unknown command 'make-coffee'").contains("run-report");
        assertThat(run("run-report", "report", "x")).isEqualTo(CommandLine.USAGE);
        assertThat(run("run-report", "--report", "partner-event-sales", "--format", "pdf"))
                .isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("--format must be csv or xlsx");
        assertThat(run("generate-data", "--customers", "many")).isEqualTo(CommandLine.USAGE);
        assertThat(run("generate-data", "--custommers", "100")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("Unknown option --custommers");
    }

    @Test
    void aRunThatCannotBeAcceptedNamesEachProblemAndWritesNothing() {
        Path target = directory.resolve("sales.xlsx");
        assertThat(run("run-report", "--report", "partner-event-sales", "--period", "2026-10-11..2026-10-05",
                "--out", target.toString())).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("partner: \"Event sales\" runs for one partner company")
                .contains("period: the period ends before it starts");
        assertThat(target).doesNotExist();
        assertThat(run("run-report", "--report", "partner-event-sales", "--partner", "Nobody Ltd")).isEqualTo(
                CommandLine.USAGE);
        assertThat(err()).contains("no partner company named or numbered 'Nobody Ltd'");
    }

    @Test
    void generatesAVenueAndRunsAPartnerReportIntoTheNamedFile() throws Exception {
        assertThat(run("generate-data", "--customers", "500", "--events", "10", "--partners", "3", "--tickets", "3000",
                "--seed", "7")).as(err()).isEqualTo(CommandLine.OK);
        assertThat(out()).contains("Generated");
        String partner = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(),
                database.password())).sql("select name from partner_company order by id limit 1").query(String.class)
                .single();
        Path target = directory.resolve("sales.csv");

        assertThat(run("run-report", "--report", "partner-event-sales", "--partner", partner, "--period",
                "last-365-days", "--format", "csv", "--out", target.toString())).as(err()).isEqualTo(CommandLine.OK);

        assertThat(out())
                .containsPattern("Run \\d+ completed: [\\d,]+ rows, [\\d,]+ bytes in \\d+\\.\\d s,"
                        + " sha256 [0-9a-f]{64}\n")
                .contains(target.toAbsolutePath().toString());
        // Its own progress, on standard error: here no terminal, so a line when it starts (and every ten seconds).
        assertThat(err()).containsPattern("Run \\d+ started\\.\n");
        assertThat(Files.readString(target)).startsWith("Event id,Event,Performances");
        assertThat(run("generate-data", "--customers", "500")).isEqualTo(CommandLine.FAILED);
        assertThat(err()).contains("generate-data failed");
    }

    @Test
    void runsASavedReportByIdWithItsOwnFormatAndRefusesAParameterItFixes() throws Exception {
        assertThat(run("generate-data", "--customers", "500", "--events", "10", "--partners", "3", "--tickets", "3000",
                "--seed", "7")).as(err()).isEqualTo(CommandLine.OK);
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(),
                database.password()));
        String partner = jdbc.sql("select name from partner_company order by id limit 1").query(String.class).single();
        long saved = jdbc.sql("""
                insert into saved_report (report_id, created_by) values ('partner-event-sales', 'tests') returning id
                """).query(Long.class).single();
        jdbc.sql("""
                insert into saved_report_version (saved_report_id, version, name, parameters, open_parameters, format,
                                                  saved_by)
                values (:id, 1, 'Sales of the year', '{"period": "last-365-days"}', '{format}', 'CSV', 'tests')
                """).param("id", saved).update();
        Path target = directory.resolve("sales.csv");

        assertThat(run("run-report", "--saved-report", Long.toString(saved), "--partner", partner, "--out",
                target.toString())).as(err()).isEqualTo(CommandLine.OK);

        assertThat(out())
                .containsPattern("Run \\d+ completed: [\\d,]+ rows, [\\d,]+ bytes in \\d+\\.\\d s,"
                        + " sha256 [0-9a-f]{64}\n")
                .contains(target.toAbsolutePath().toString());
        // Its own progress, on standard error: here no terminal, so a line when it starts (and every ten seconds).
        assertThat(err()).containsPattern("Run \\d+ started\\.\n");
        assertThat(Files.readString(target)).startsWith("Event id,Event,Performances");
        assertThat(jdbc.sql("select saved_report_id, saved_report_version, format from report_run")
                .query((rs, row) -> rs.getLong(1) + " v" + rs.getInt(2) + " " + rs.getString(3)).list())
                .containsExactly(saved + " v1 CSV");

        assertThat(run("run-report", "--saved-report", Long.toString(saved), "--partner", partner, "--period",
                "previous-week")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("period: is set by \"Sales of the year\" and cannot be changed when it runs");
        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void subjectAccessPrintsEveryRunThatSharedTheCustomerAndRefusesBadInput() {
        // covers R-6, P-8: the runs, companies, consent and recipients of one customer's data, for scripts
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(),
                database.password()));
        SharingFixtures fixtures = new SharingFixtures(jdbc);
        long ada = fixtures.customer("Ada", "Lovelace", "ada@example.org");
        long northern = fixtures.partner("Northern Lights");
        Instant cutoff = Instant.parse("2026-04-01T06:30:00Z");
        long shared = fixtures.run(northern, "COMPLETED", cutoff);
        long failed = fixtures.run(northern, "FAILED", cutoff.plusSeconds(60));
        fixtures.shared(shared, ada, Instant.parse("2026-02-10T12:00:00Z"), "ONLINE_CHECKOUT",
                "ada@example.org");
        fixtures.shared(failed, ada, Instant.parse("2026-02-10T12:00:00Z"), "ONLINE_CHECKOUT",
                "ada@failed.example");
        fixtures.recipient(shared, RunRecipients.Kind.EMAIL, "marketing@northern.example", RunRecipients.How.LINK);

        assertThat(run("subject-access", "--customer", Long.toString(ada))).as(err()).isEqualTo(CommandLine.OK);
        assertThat(out()).contains("Customer " + ada + ": Ada Lovelace <ada@example.org>")
                .contains("Shared in 1 run(s) with 1 partner company(ies)")
                .contains("run " + shared + "  partner-optin-list  Northern Lights")
                .contains("consent YES set 2026-02-10T12:00:00Z via ONLINE_CHECKOUT")
                .contains("received by marketing@northern.example (EMAIL, LINK")
                .doesNotContain("run " + failed + " ").doesNotContain("ada@failed.example");
        out.reset();
        assertThat(run("subject-access", "--customer", Long.toString(ada), "--format", "json")).as(err())
                .isEqualTo(CommandLine.OK);
        assertThat(out()).contains("\"customerId\" : " + ada).contains("\"runId\" : " + shared)
                .contains("marketing@northern.example");
        assertThat(jdbc.sql("select count(*) from audit_event where kind = 'SUBJECT_ACCESS'").query(Long.class)
                .single()).isEqualTo(2);

        assertThat(run("subject-access")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("subject-access needs --customer <customer id>");
        assertThat(run("subject-access", "--customer", "ada")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("--customer must be a customer id (a whole number), not 'ada'");
        assertThat(run("subject-access", "--customer", "1", "--format", "xml")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("--format must be text or json");
        assertThat(run("subject-access", "--customer", "1", "--partner", "x")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("Unknown option --partner");
        assertThat(run("subject-access", "--customer", "999999")).isEqualTo(CommandLine.FAILED);
        assertThat(err()).contains("subject-access: no customer with id 999999");
    }

    @Test
    void createAdminMakesTheFirstAdministratorAndPrintsASingleUseLinkValidForADay() {
        assertThat(run("create-admin", "--email", "first@venue.example", "--name", "Fran First")).as(err())
                .isEqualTo(CommandLine.OK);

        assertThat(out()).startsWith("Administrator first@venue.example created. To choose the password, open this"
                + " link within 24 hours (it works once):\nhttp://localhost:8080/invitation?token=");
        JdbcClient jdbc = jdbc();
        assertThat(jdbc.sql("""
                select a.role || ' ' || a.display_name || ' ' || (a.password_hash is null) || ' ' || t.purpose
                       || ' ' || (t.expires_at - t.created_at between interval '23 hours 59 minutes'
                                                             and interval '24 hours 1 minute')
                  from login_account a join login_token t on t.account_id = a.id
                 where a.email = 'first@venue.example'
                """).query(String.class).single()).isEqualTo("ADMIN Fran First true INVITATION true");
        assertThat(jdbc.sql("select detail from audit_event where kind = 'ADMIN_CHANGE'").query(String.class).list())
                .containsExactly("created administrator first@venue.example");
    }

    @Test
    void createAdminTakesThePasswordFromStandardInputAndRefusesATakenAddressInWords() {
        stdin = "a long enough password\n".getBytes(StandardCharsets.UTF_8);
        assertThat(run("create-admin", "--email", "first@venue.example", "--name", "Fran First", "--password-stdin"))
                .as(err()).isEqualTo(CommandLine.OK);
        assertThat(out()).isEqualTo("Administrator first@venue.example created. Sign in with that address and the"
                + " password given.\n");
        String hash = jdbc().sql("select password_hash from login_account where email = 'first@venue.example'")
                .query(String.class).single();
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("a long enough password", hash))
                .isTrue();

        assertThat(run("create-admin", "--email", "FIRST@venue.example", "--name", "Someone Else"))
                .isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("create-admin: the email address: an account with this address exists already");
        stdin = "short\n".getBytes(StandardCharsets.UTF_8);
        assertThat(run("create-admin", "--email", "second@venue.example", "--name", "Sam", "--password-stdin"))
                .isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("create-admin: the password: must be at least 12 characters long");
        assertThat(run("create-admin", "--email", "not an address", "--name", "Sam")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("create-admin: the email address: is not an email address");
        assertThat(run("create-admin", "--name", "Sam")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("Option --email is required");
        assertThat(jdbc().sql("select count(*) from login_account").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aCommandTakesApplicationSettingsAndKeepsTheFrameworksLogQuietUnlessVerbose(CapturedOutput log) {
        assertThat(run("subject-access", "--customer", "999999", "--server.port", "9999",
                "--logging.level.org.stagedoor=WARN")).isEqualTo(CommandLine.FAILED);
        assertThat(err()).isEqualTo("subject-access: no customer with id 999999\n");
        assertThat(log.getOut()).doesNotContain(" INFO ");

        assertThat(run("subject-access", "--customer", "999999", "--verbose")).isEqualTo(CommandLine.FAILED);
        assertThat(log.getOut()).contains(" INFO ");
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(), database.password()));
    }

    private int run(String... args) {
        String[] withDatabase = new String[args.length + 4];
        System.arraycopy(args, 0, withDatabase, 0, args.length);
        withDatabase[args.length] = "--spring.datasource.url=" + database.url();
        withDatabase[args.length + 1] = "--spring.datasource.username=" + database.username();
        withDatabase[args.length + 2] = "--spring.datasource.password=" + database.password();
        withDatabase[args.length + 3] = "--stagedoor.reports.directory=" + directory.resolve("reports");
        return CommandLine.run(withDatabase, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
