package org.stagedoor.scheduler.destination;

/**
 * What it takes to upload to an SFTP destination, its secrets decrypted: held only while sending.
 *
 * @param password null when the destination signs in with a key only
 * @param privateKey the key's text, null when it signs in with a password only
 */
public record SftpAccess(Destination destination, String password, String privateKey) {

    @Override
    public String toString() {
        return "SftpAccess[" + destination.where() + "]";
    }
}
