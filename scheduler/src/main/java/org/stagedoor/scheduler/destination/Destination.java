package org.stagedoor.scheduler.destination;

import java.time.Instant;

/**
 * A row of {@code partner_destination} as the console shows it: never a password, key or secret, only whether one
 * is kept.
 *
 * @param hostKeyFingerprint the SFTP server's key as the administrator confirmed it ("SHA256:…")
 * @param secretSetAt when the webhook's secret was made or last replaced
 */
public record Destination(long id, long partnerCompanyId, DestinationKind kind, String name, String host,
        Integer port, String folder, String username, boolean hasPassword, boolean hasPrivateKey,
        String hostKeyFingerprint, String url, Instant secretSetAt, boolean enabled, String createdBy,
        Instant createdAt) {

    /** The destination in words, as the outbox names it: "SFTP server sftp.example.org:22, folder /in". */
    public String where() {
        return kind == DestinationKind.SFTP ? "SFTP server " + host + ":" + port + ", folder " + folder
                : "Web address " + url;
    }
}
