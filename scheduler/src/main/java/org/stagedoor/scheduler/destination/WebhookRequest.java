package org.stagedoor.scheduler.destination;

/** A web address to tell when a file is ready; its secret is made by Stagedoor. */
public record WebhookRequest(String name, String url) {
}
