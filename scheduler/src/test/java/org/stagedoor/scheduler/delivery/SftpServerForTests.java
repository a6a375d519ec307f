package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A partner's SFTP server for tests: Apache MINA SSHD's server with its SFTP subsystem on a loopback port, serving
 * a temporary folder, signing in one user by password or by key, and noting where every write went and every
 * rename, so that a test can tell that the file was written under its temporary name only.
 */
final class SftpServerForTests implements AutoCloseable {

    static final String USER = "northern";

    static final String PASSWORD = "correct horse battery staple";

    private final SshServer server;

    private final KeyPair hostKey;

    private final List<String> written = new CopyOnWriteArrayList<>();

    private final List<String> renamed = new CopyOnWriteArrayList<>();

    private final AtomicInteger signIns = new AtomicInteger();

    private volatile boolean hangUpAfterRename;

    private SftpServerForTests(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /** Serves {@code root}; {@code clientKey} (may be null) is the one public key it lets in. */
    static SftpServerForTests start(Path root, PublicKey clientKey) throws IOException, GeneralSecurityException {
        KeyPair hostKey = rsa();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        SftpServerForTests sftp = new SftpServerForTests(server, hostKey);
        server.setPasswordAuthenticator((user, password, session) -> {
            sftp.signIns.incrementAndGet();
            return USER.equals(user) && PASSWORD.equals(password);
        });
        server.setPublickeyAuthenticator((user, key, session) -> {
            sftp.signIns.incrementAndGet();
            return USER.equals(user) && clientKey != null && KeyUtils.compareKeys(clientKey, key);
        });
        SftpSubsystemFactory factory = new SftpSubsystemFactory();
        factory.addSftpEventListener(new SftpEventListener() {

            @Override
            public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                    byte[] data, int dataOffset, int dataLen, Throwable thrown) {
                sftp.written.add(localHandle.getFile().toString());
            }

            @Override
            public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts,
                    Throwable thrown) {
                sftp.renamed.add(srcPath + " -> " + dstPath);
                if (sftp.hangUpAfterRename) {
                    // The rename happened; the client never hears so, as when a connection or node dies there.
                    session.close(true);
                }
            }
        });
        server.setSubsystemFactories(List.of(factory));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        return sftp;
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A private key as an administrator pastes it: PKCS #8 in PEM. */
    static String pem(KeyPair key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** From now on, the connection is cut right after a rename is done, before its answer goes out. */
    void hangUpAfterRename(boolean hangUp) {
        this.hangUpAfterRename = hangUp;
    }

    int port() {
        return server.getPort();
    }

    String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** The files written to, as the client named them, once per write. */
    List<String> written() {
        return List.copyOf(written);
    }

    List<String> renamed() {
        return List.copyOf(renamed);
    }

    int signIns() {
        return signIns.get();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
