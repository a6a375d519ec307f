package org.stagedoor.scheduler.destination;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * SSH sessions to partners' SFTP servers through Apache MINA SSHD's client: one client for the application, each
 * session checking the server's key against the fingerprint the administrator confirmed (never trusting a key on
 * first sight), and every wait bounded by the settings. Failures are told in words, with the stage they happened
 * at, so that the outbox can tell a server it could not reach from one it must not send to.
 */
@Component
public class SshConnections implements DisposableBean {

    /** How far a connection got before it failed. */
    public enum Stage {
        /** The server could not be reached or did not answer: nothing was sent. */
        CONNECT,
        /** The server's key is not the one confirmed: we stopped before signing in. */
        HOST_KEY,
        /** The server refused our sign-in. */
        LOGIN
    }

    /** A connection that failed, in words. */
    public static final class SshFailure extends IOException {

        private static final long serialVersionUID = 1L;

        private final Stage stage;

        SshFailure(Stage stage, String message, Throwable cause) {
            super(message, cause);
            this.stage = stage;
        }

        public Stage stage() {
            return stage;
        }
    }

    private static final AttributeRepository.AttributeKey<String> EXPECTED = new AttributeRepository.AttributeKey<>();

    private static final AttributeRepository.AttributeKey<AtomicReference<String>> SEEN =
            new AttributeRepository.AttributeKey<>();

    private final DestinationSettings settings;

    private SshClient client;

    SshConnections(DestinationSettings settings) {
        this.settings = settings;
    }

    /**
     * The fingerprint ("SHA256:…") of the key the server at {@code host} and {@code port} shows, for the
     * administrator to confirm (with the partner, out of band) before it is pinned. Nothing is signed in.
     */
    public String fetchFingerprint(String host, int port) throws SshFailure {
        AtomicReference<String> seen = new AtomicReference<>();
        try (ClientSession session = connect(host, port, "stagedoor", null, seen)) {
            // Key exchange is where the server shows its key: waiting for it is enough, no sign-in follows.
            session.waitFor(java.util.EnumSet.of(ClientSession.ClientSessionEvent.WAIT_AUTH,
                    ClientSession.ClientSessionEvent.CLOSED), settings.readTimeout());
        }
        catch (SshFailure failure) {
            if (seen.get() == null) {
                throw failure;
            }
        }
        catch (IOException ex) {
            if (seen.get() == null) {
                throw new SshFailure(Stage.CONNECT, "The server at " + host + ":" + port + " did not show its key: "
                        + describe(ex), ex);
            }
        }
        if (seen.get() == null) {
            throw new SshFailure(Stage.CONNECT, "The server at " + host + ":" + port + " did not show its key within "
                    + words(settings.readTimeout()), null);
        }
        return seen.get();
    }

    /**
     * A signed-in session to an SFTP destination, its server's key checked against the pinned fingerprint before
     * any credential is offered.
     */
    public ClientSession open(SftpAccess access) throws SshFailure {
        Destination destination = access.destination();
        AtomicReference<String> seen = new AtomicReference<>();
        ClientSession session = connect(destination.host(), destination.port(), destination.username(),
                destination.hostKeyFingerprint(), seen);
        try {
            if (access.password() != null) {
                session.addPasswordIdentity(access.password());
            }
            if (access.privateKey() != null) {
                for (KeyPair key : keys(access.privateKey())) {
                    session.addPublicKeyIdentity(key);
                }
            }
            session.auth().verify(settings.readTimeout());
            return session;
        }
        catch (IOException | GeneralSecurityException | RuntimeException ex) {
            close(session);
            if (seen.get() != null && !seen.get().equals(destination.hostKeyFingerprint())) {
                throw new SshFailure(Stage.HOST_KEY, "The server at " + destination.host() + ":" + destination.port()
                        + " showed the key " + seen.get() + ", not the one confirmed (" + destination
                        .hostKeyFingerprint() + "): nothing was sent. If the partner changed its server's key, fetch"
                        + " and confirm the new one on the partner company's page.", ex);
            }
            if (seen.get() == null) {
                throw new SshFailure(Stage.CONNECT, "The server at " + destination.host() + ":" + destination.port()
                        + " did not complete the secure connection: " + describe(ex), ex);
            }
            if (ex instanceof GeneralSecurityException || ex instanceof IllegalArgumentException) {
                throw new SshFailure(Stage.LOGIN, "The private key kept for this destination could not be read: "
                        + describe(ex), ex);
            }
            throw new SshFailure(Stage.LOGIN, "The server at " + destination.host() + ":" + destination.port()
                    + " did not accept the sign-in of user " + destination.username() + ": " + describe(ex), ex);
        }
    }

    /** The key pairs of a private key's text (PEM or OpenSSH), for checking it when it is given too. */
    static Iterable<KeyPair> keys(String privateKey) throws IOException, GeneralSecurityException {
        Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("private key"),
                new ByteArrayInputStream(privateKey.strip().concat("\n").getBytes(StandardCharsets.UTF_8)),
                FilePasswordProvider.EMPTY);
        if (keys == null || !keys.iterator().hasNext()) {
            throw new IllegalArgumentException("no private key found in the text given");
        }
        return keys;
    }

    private ClientSession connect(String host, int port, String user, String expected, AtomicReference<String> seen)
            throws SshFailure {
        try {
            AttributeRepository context = AttributeRepository.ofAttributesMap(expected == null
                    ? java.util.Map.of(SEEN, seen) : java.util.Map.of(SEEN, seen, EXPECTED, expected));
            return client().connect(user, host, port, context, null).verify(settings.connectTimeout()).getSession();
        }
        catch (IOException | RuntimeException ex) {
            throw new SshFailure(Stage.CONNECT, "Could not reach the server at " + host + ":" + port + ": "
                    + describe(ex), ex);
        }
    }

    private synchronized SshClient client() {
        if (client == null) {
            SshClient made = SshClient.setUpDefaultClient();
            CoreModuleProperties.IO_CONNECT_TIMEOUT.set(made, settings.connectTimeout());
            CoreModuleProperties.AUTH_TIMEOUT.set(made, settings.readTimeout());
            CoreModuleProperties.NIO2_READ_TIMEOUT.set(made, settings.readTimeout().plus(settings.readTimeout()));
            made.setServerKeyVerifier((session, address, key) -> {
                String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
                AttributeRepository context = session.getConnectionContext();
                context.getAttribute(SEEN).set(fingerprint);
                String pinned = context.getAttribute(EXPECTED);
                return pinned != null && pinned.equals(fingerprint);
            });
            made.start();
            client = made;
        }
        return client;
    }

    private static void close(ClientSession session) {
        try {
            session.close();
        }
        catch (IOException ex) {
            // Closing a session that failed: nothing more to learn from it.
        }
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.stop();
            client = null;
        }
    }

    /**
     * What went wrong, said plainly: for the kinds people meet (a refused connection, an unknown host, silence) in
     * words of its own; otherwise the distinct messages of the exception and its causes.
     */
    public static String describe(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable each = failure; each != null && !chain.contains(each); each = each.getCause()) {
            chain.add(each);
        }
        for (Throwable each : chain) {
            String plain = plain(each);
            if (plain != null) {
                return plain;
            }
        }
        StringBuilder text = new StringBuilder();
        for (Throwable each : chain) {
            String part = each.getMessage() == null ? null : each.getMessage().strip();
            if (part != null && !part.isEmpty() && text.indexOf(part) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(part);
            }
        }
        return text.length() == 0 ? failure.getClass().getSimpleName() : text.toString();
    }

    private static String plain(Throwable each) {
        if (each instanceof ConnectException) {
            return "the connection was refused (nothing listens there, or a firewall turned us away)";
        }
        if (each instanceof UnknownHostException) {
            return "no such host name (" + each.getMessage() + ")";
        }
        if (each instanceof NoRouteToHostException) {
            return "no route to that host";
        }
        if (each instanceof SocketTimeoutException) {
            return "it did not answer in time";
        }
        return null;
    }

    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
