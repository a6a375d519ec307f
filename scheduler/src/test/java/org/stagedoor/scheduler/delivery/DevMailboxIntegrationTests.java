package org.stagedoor.scheduler.delivery;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.annotation.DirtiesContext;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without {@code spring.mail.host}, mail goes to the embedded dev mailbox; here the background sender is on, as in
 * a developer's application. The context is closed after the class, which stops the sender and the mailbox.
 */
@SpringBootTest(properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.delivery.sender-enabled=true",
        "stagedoor.delivery.poll-interval=200ms",
        "stagedoor.delivery.administrators=admin@venue.example" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DevMailboxIntegrationTests extends StoreIntegrationTest {

    @Autowired
    DevMailbox mailbox;

    @Autowired
    JavaMailSender mailSender;

    @Autowired
    DeliveryOutbox outbox;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void venue() {
        new ResourceDatabasePopulator(new ClassPathResource("venue.sql")).execute(dataSource);
    }

    @Test
    void theMailSenderPointsAtTheDevMailboxOnAFreePortWithTimeouts() throws Exception {
        assertThat(mailbox.port()).isPositive().isNotEqualTo(3025);
        JavaMailSenderImpl impl = (JavaMailSenderImpl) mailSender;
        assertThat(impl.getHost()).isEqualTo("127.0.0.1");
        assertThat(impl.getPort()).isEqualTo(mailbox.port());
        assertThat(impl.getJavaMailProperties()).containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "30000").containsEntry("mail.smtp.writetimeout", "30000");
        try (Socket socket = new Socket(mailbox.host(), mailbox.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void aDeliveryIsSentInTheBackgroundAndShowsUpInTheDevMailbox() {
        ReportRun run = launcher.run(new RunRequest("partner-event-sales", 1L,
                Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.XLSX, "tests"));
        long schedule = DeliveryIntegrationTest.schedule(jdbc, "{}");

        outbox.recordScheduledRun(run, schedule, java.time.Instant.parse("2026-11-23T07:00:00Z"), "Weekly sales",
                DeliveryMode.ATTACHMENT, List.of(Recipient.address("dev@northern.example")));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.messages().stream()
                .anyMatch(message -> message.recipients().contains("dev@northern.example")));
        DevMailbox.Message message = mailbox.messages().stream()
                .filter(each -> each.recipients().contains("dev@northern.example")).findFirst().orElseThrow();
        assertThat(message.subject()).isEqualTo("Weekly sales");
        assertThat(message.from()).isEqualTo("reports@stagedoor.local");
        assertThat(message.receivedAt()).isNotNull();
        assertThat(message.attachmentNames()).containsExactly(run.fileName());
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select status from delivery")
                .query(String.class).single().equals("SENT"));
    }
}
