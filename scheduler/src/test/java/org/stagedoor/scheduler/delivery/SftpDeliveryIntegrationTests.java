package org.stagedoor.scheduler.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Stream;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.Destinations;
import org.stagedoor.scheduler.destination.SftpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deliveries to a partner's SFTP server through the outbox, against a real Apache MINA SSHD SFTP server the test
 * starts: the file arrives whole under its own name only, by password or by key; a server showing another key
 * than the one confirmed gets nothing, not even our sign-in; a host that does not answer is tried again, then
 * failed with a sentence.
 */
class SftpDeliveryIntegrationTests extends DeliveryIntegrationTest {

    @Autowired
    Destinations destinations;

    @TempDir
    Path root;

    private SftpServerForTests server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFileIsWrittenUnderATemporaryNameAndArrivesWholeUnderItsOwnName() throws Exception {
        server = SftpServerForTests.start(root, null);
        Files.createDirectory(root.resolve("incoming"));
        // As the console's "Fetch the server's key" does, for the administrator to confirm.
        String fingerprint = destinations.fetchFingerprint("127.0.0.1", server.port());
        assertThat(fingerprint).isEqualTo(server.fingerprint());
        Destination sftp = destinations.addSftp(1, new SftpRequest("Northern's server", "127.0.0.1", server.port(),
                "/incoming", SftpServerForTests.USER, SftpServerForTests.PASSWORD, null, fingerprint), "tests");
        ReportRun run = optInList();
        Delivery delivery = recordTo(run, sftp);

        sender.sendDue();

        Delivery sent = delivery(delivery.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.messageId()).isEqualTo("/incoming/" + run.fileName());
        assertThat(sent.recipient()).isEqualTo("SFTP server 127.0.0.1:" + server.port() + ", folder /incoming");
        assertThat(files(root.resolve("incoming"))).containsExactly(run.fileName());
        assertThat(Files.readAllBytes(root.resolve("incoming").resolve(run.fileName())))
                .isEqualTo(Files.readAllBytes(Path.of(run.location())));
        String temporary = "/incoming/." + run.fileName() + ".part-" + delivery.id();
        assertThat(server.written()).isNotEmpty().containsOnly(temporary);
        assertThat(server.renamed()).containsExactly(temporary + " -> /incoming/" + run.fileName());
        assertThat(runRecipients.of(run.id())).singleElement().satisfies(recipient -> {
            assertThat(recipient.kind()).isEqualTo(RunRecipients.Kind.SFTP);
            assertThat(recipient.how()).isEqualTo(RunRecipients.How.UPLOAD);
            assertThat(recipient.recipient()).isEqualTo(sent.recipient());
        });
    }

    @Test
    void aPrivateKeySignsInInsteadOfAPassword() throws Exception {
        KeyPair key = SftpServerForTests.rsa();
        server = SftpServerForTests.start(root, key.getPublic());
        Destination sftp = destinations.addSftp(1, new SftpRequest("Northern's server", "127.0.0.1", server.port(),
                "/", SftpServerForTests.USER, null, SftpServerForTests.pem(key), server.fingerprint()), "tests");
        assertThat(sftp.hasPassword()).isFalse();
        assertThat(sftp.hasPrivateKey()).isTrue();
        ReportRun run = eventSales();
        Delivery delivery = recordTo(run, sftp);

        sender.sendDue();

        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(files(root)).containsExactly(run.fileName());
    }

    @Test
    void credentialsAreKeptEncrypted() throws Exception {
        server = SftpServerForTests.start(root, null);
        KeyPair key = SftpServerForTests.rsa();
        Destination sftp = destinations.addSftp(1, new SftpRequest("Northern's server", "127.0.0.1", server.port(),
                "/", SftpServerForTests.USER, SftpServerForTests.PASSWORD, SftpServerForTests.pem(key),
                server.fingerprint()), "tests");

        String kept = jdbc.sql("""
                select password_encrypted || ' ' || private_key_encrypted from partner_destination where id = :id
                """).param("id", sftp.id()).query(String.class).single();

        assertThat(kept).doesNotContain(SftpServerForTests.PASSWORD, "PRIVATE KEY", "correct")
                .matches("[0-9a-f]+ [0-9a-f]+");
        assertThat(destinations.sftpAccess(sftp).password()).isEqualTo(SftpServerForTests.PASSWORD);
        assertThat(destinations.sftpAccess(sftp).privateKey()).isEqualTo(SftpServerForTests.pem(key).strip());
    }

    @Test
    void aRenameWhoseAnswerIsLostIsNotKnownAndAnAdministratorsRetryFindsTheFileThereWithoutSendingItTwice()
            throws Exception {
        server = SftpServerForTests.start(root, null);
        server.hangUpAfterRename(true);
        Destination sftp = destinations.addSftp(1, new SftpRequest("Northern's server", "127.0.0.1", server.port(),
                "/", SftpServerForTests.USER, SftpServerForTests.PASSWORD, null, server.fingerprint()), "tests");
        ReportRun run = eventSales();
        Delivery delivery = recordTo(run, sftp);

        sender.sendDue();
        dueNow();
        sender.sendDue();

        Delivery unknown = delivery(delivery.id());
        assertThat(unknown.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(unknown.lastError()).startsWith("The file was uploaded whole to " + unknown.recipient()
                + " but the server's answer to naming it /" + run.fileName() + " never came (").endsWith("); it may or"
                + " may not be there, so it is not sent again by itself");
        assertThat(server.renamed()).hasSize(1);

        // The administrator sends it again: it is there already, so it is not uploaded a second time.
        server.hangUpAfterRename(false);
        deliveries.retry(delivery.id());
        sender.sendDue();

        Delivery sent = delivery(delivery.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.messageId()).isEqualTo("already on the server as /" + run.fileName());
        assertThat(server.renamed()).hasSize(1);
        assertThat(files(root)).containsExactly(run.fileName());
    }

    @Test
    void aServerShowingAnotherKeyThanTheOneConfirmedGetsNothingNotEvenOurSignIn() throws Exception {
        server = SftpServerForTests.start(root, null);
        String confirmed = KeyUtils.getFingerPrint(BuiltinDigests.sha256, SftpServerForTests.rsa().getPublic());
        Destination sftp = destinations.addSftp(1, new SftpRequest("Northern's server", "127.0.0.1", server.port(),
                "/", SftpServerForTests.USER, SftpServerForTests.PASSWORD, null, confirmed), "tests");
        Delivery delivery = recordTo(eventSales(), sftp);

        sender.sendDue();

        Delivery refused = delivery(delivery.id());
        assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.lastError()).isEqualTo("The server at 127.0.0.1:" + server.port() + " showed the key "
                + server.fingerprint() + ", not the one confirmed (" + confirmed + "): nothing was sent. If the"
                + " partner changed its server's key, fetch and confirm the new one on the partner company's page.");
        assertThat(server.signIns()).isZero();
        assertThat(files(root)).isEmpty();
        assertThat(notices()).singleElement().satisfies(notice -> assertThat(notice.subject())
                .isEqualTo("Stagedoor: a report could not be sent to " + refused.recipient()));
    }

    @Test
    void aWrongPasswordIsRefusedInWordsAndNotTriedAgain() throws Exception {
        server = SftpServerForTests.start(root, null);
        Destination sftp = destinations.addSftp(1, new SftpRequest("Northern's server", "127.0.0.1", server.port(),
                "/", SftpServerForTests.USER, "wrong", null, server.fingerprint()), "tests");
        Delivery delivery = recordTo(eventSales(), sftp);

        sender.sendDue();

        Delivery refused = delivery(delivery.id());
        assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(refused.lastError()).startsWith("The server at 127.0.0.1:" + server.port() + " did not accept the"
                + " sign-in of user northern: ");
        assertThat(files(root)).isEmpty();
    }

    @Test
    void aHostThatDoesNotAnswerIsTriedAgainThenFailsWithASentence() throws Exception {
        server = SftpServerForTests.start(root, null);
        int port = server.port();
        String fingerprint = server.fingerprint();
        server.close();
        server = null;
        Destination sftp = destinations.addSftp(1, new SftpRequest("Northern's server", "127.0.0.1", port, "/",
                SftpServerForTests.USER, SftpServerForTests.PASSWORD, null, fingerprint), "tests");
        Delivery delivery = recordTo(eventSales(), sftp);

        sender.sendDue();
        Delivery waiting = delivery(delivery.id());
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        for (int attempt = 2; attempt <= 3; attempt++) {
            dueNow();
            sender.sendDue();
        }

        Delivery failed = delivery(delivery.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("Gave up after 3 attempts. Last: Could not reach the server at"
                + " 127.0.0.1:" + port + ": the connection was refused (nothing listens there, or a firewall turned"
                + " us away)");
    }

    @Test
    void fetchingTheKeyOfAServerThatDoesNotAnswerSaysSoInWords() throws Exception {
        server = SftpServerForTests.start(root, null);
        int port = server.port();
        server.close();
        server = null;

        assertThatThrownBy(() -> destinations.fetchFingerprint("127.0.0.1", port))
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.errors()).containsExactly(
                        new InvalidRequestException.FieldError("host", "Could not reach the server at 127.0.0.1:"
                                + port + ": the connection was refused (nothing listens there, or a firewall"
                                + " turned us away)")));
    }

    @Test
    void anSftpServerWithoutCredentialsOrConfirmedKeyIsRefusedFieldByField() {
        assertThatThrownBy(() -> destinations.addSftp(1, new SftpRequest(" ", "not a host!", 70000, "", "", "",
                "not a key", "abc"), "tests"))
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.errors())
                        .extracting(InvalidRequestException.FieldError::field)
                        .containsExactly("name", "host", "port", "folder", "username", "privateKey",
                                "hostKeyFingerprint"));
        assertThat(destinations.ofCompany(1)).isEmpty();
    }


    private static List<String> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
