package org.stagedoor.scheduler.destination;

/**
 * An SFTP server as an administrator gives it. A password, a private key (PEM or OpenSSH text), or both; the host
 * key's fingerprint as fetched from the server and confirmed.
 */
public record SftpRequest(String name, String host, Integer port, String folder, String username, String password,
        String privateKey, String hostKeyFingerprint) {

    /** Never the password or the key: a request may end up in a log. */
    @Override
    public String toString() {
        return "SftpRequest[" + username + "@" + host + ":" + port + " " + folder + "]";
    }
}
