package org.stagedoor.scheduler.delivery;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.DestinationKind;
import org.stagedoor.scheduler.destination.Destinations;

/**
 * Hands a report delivery to the destination it names, by the destination's kind. A removed destination, or a run
 * whose file is gone, is {@link UndeliverableException undeliverable}.
 */
@Component
class Channels {

    private final Destinations destinations;

    private final DeliveryMessages messages;

    private final SftpChannel sftp;

    private final WebhookChannel webhook;

    Channels(Destinations destinations, DeliveryMessages messages, SftpChannel sftp, WebhookChannel webhook) {
        this.destinations = destinations;
        this.messages = messages;
        this.sftp = sftp;
        this.webhook = webhook;
    }

    ChannelResult send(Delivery delivery) {
        Destination destination = destinations.find(delivery.destinationId())
                .filter(Destination::enabled)
                .orElseThrow(() -> new UndeliverableException("The destination (" + delivery.recipient()
                        + ") was removed from the partner company's destinations"));
        ReportRun run = messages.run(delivery);
        Path file = messages.availableFile(run);
        if (destination.kind() == DestinationKind.SFTP) {
            return sftp.send(delivery, destination, file, run.fileName());
        }
        return webhook.send(delivery, destination, messages.facts(run, file));
    }
}
