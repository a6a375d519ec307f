package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

import org.springframework.stereotype.Component;

import org.stagedoor.scheduler.delivery.SendOutcome.Verdict;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.Destinations;
import org.stagedoor.scheduler.destination.SshConnections;
import org.stagedoor.scheduler.destination.SshConnections.SshFailure;

/**
 * Uploads a run's file to a partner's SFTP server: written under a temporary name in the folder, then renamed to
 * the file's own name once whole, so that the partner never picks up half a file. A server that cannot be reached,
 * or a write that breaks off, is tried again later (nothing is under the final name); a server whose key is not
 * the one confirmed, or that refuses the sign-in, is not; a rename whose answer never came may have happened, so it
 * is not tried again by itself.
 */
@Component
class SftpChannel {

    private final Destinations destinations;

    private final SshConnections ssh;

    SftpChannel(Destinations destinations, SshConnections ssh) {
        this.destinations = destinations;
        this.ssh = ssh;
    }

    ChannelResult send(Delivery delivery, Destination destination, Path file, String fileName) {
        ClientSession session;
        try {
            session = ssh.open(destinations.sftpAccess(destination));
        }
        catch (SshFailure failure) {
            Verdict verdict = failure.stage() == SshConnections.Stage.CONNECT ? Verdict.RETRY : Verdict.REJECTED;
            return ChannelResult.of(verdict, failure.getMessage());
        }
        try (session; SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            return upload(sftp, delivery, destination, file, fileName);
        }
        catch (IOException ex) {
            return ChannelResult.of(Verdict.RETRY, "The SFTP server at " + destination.host() + " did not open a file"
                    + " session: " + SshConnections.describe(ex) + "; nothing was sent");
        }
    }

    private static ChannelResult upload(SftpClient sftp, Delivery delivery, Destination destination, Path file,
            String fileName) {
        String folder = destination.folder().endsWith("/") ? destination.folder() : destination.folder() + "/";
        String target = folder + fileName;
        String temporary = folder + "." + fileName + ".part-" + delivery.id();
        if (exists(sftp, target)) {
            // Only a whole file is ever renamed to this name: an earlier attempt whose answer was lost did arrive.
            return ChannelResult.sent("already on the server as " + target);
        }
        try (OutputStream out = sftp.write(temporary)) {
            Files.copy(file, out);
        }
        catch (IOException ex) {
            removeQuietly(sftp, temporary);
            return ChannelResult.of(ex instanceof SftpException refused && refused.getStatus()
                    == SftpConstants.SSH_FX_PERMISSION_DENIED ? Verdict.REJECTED : Verdict.RETRY,
                    "The upload to " + destination.where() + " broke off before the file was whole ("
                            + SshConnections.describe(ex) + "); nothing is under its own name");
        }
        try {
            sftp.rename(temporary, target);
        }
        catch (SftpException refused) {
            // The server answered: the rename did not happen.
            removeQuietly(sftp, temporary);
            return ChannelResult.of(Verdict.RETRY, "The SFTP server would not give the uploaded file its name "
                    + target + " (" + SshConnections.describe(refused) + "); nothing is under its own name");
        }
        catch (IOException ex) {
            return ChannelResult.of(Verdict.UNKNOWN, "The file was uploaded whole to " + destination.where()
                    + " but the server's answer to naming it " + target + " never came ("
                    + SshConnections.describe(ex) + "); it may or may not be there, so it is not sent again by"
                    + " itself");
        }
        return ChannelResult.sent(target);
    }

    private static boolean exists(SftpClient sftp, String path) {
        try {
            sftp.stat(path);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static void removeQuietly(SftpClient sftp, String path) {
        try {
            sftp.remove(path);
        }
        catch (IOException ex) {
            // Gone already, or the connection with it: the temporary name never looks like a finished file.
        }
    }
}
