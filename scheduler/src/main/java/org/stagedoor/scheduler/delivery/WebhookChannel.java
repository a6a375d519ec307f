package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.stagedoor.scheduler.delivery.SendOutcome.Verdict;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.DestinationSettings;
import org.stagedoor.scheduler.destination.Destinations;
import org.stagedoor.scheduler.destination.SignedLinks;
import org.stagedoor.scheduler.destination.SshConnections;
import org.stagedoor.scheduler.destination.WebhookSignature;

/**
 * Tells a partner's web address that a file is ready: a signed JSON message with the run's facts and a link to the
 * file valid for a limited time, never the data itself. The address's answer decides: 2xx delivered; a passing
 * refusal (5xx, 408, 429) or no connection is tried again later; any other refusal is final; and a message whose
 * body went out without an answer coming back may have arrived, so it is not sent again by itself.
 */
@Component
class WebhookChannel {

    private static final int SHOWN_ANSWER = 200;

    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"),
            Map.entry(413, "Content Too Large"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final Destinations destinations;

    private final SignedLinks links;

    private final DestinationSettings settings;

    private final DeliverySettings deliverySettings;

    private final JsonMapper json;

    private final Clock clock;

    private final HttpClient http;

    WebhookChannel(Destinations destinations, SignedLinks links, DestinationSettings settings,
            DeliverySettings deliverySettings, JsonMapper json, Clock clock) {
        this.destinations = destinations;
        this.links = links;
        this.settings = settings;
        this.deliverySettings = deliverySettings;
        this.json = json;
        this.clock = clock;
        // Redirects are not followed: the secret's signature is for the address the venue set, nowhere else.
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ChannelResult send(Delivery delivery, Destination destination, ReportFacts facts) {
        Instant expires = links.expiryFromNow();
        String link = deliverySettings.portalBase() + "/deliveries/" + delivery.id() + "/file?expires="
                + expires.getEpochSecond() + "&signature=" + links.signature(delivery.id(), expires);
        long timestamp = clock.instant().getEpochSecond();
        byte[] body = json.writeValueAsBytes(body(delivery, facts, link, expires, timestamp));
        TrackedBody tracked = new TrackedBody(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(destination.url()))
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stagedoor")
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(destinations.webhookSecret(destination), timestamp, body))
                .header(WebhookSignature.DELIVERY_HEADER, String.valueOf(delivery.id()))
                .POST(tracked)
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return failure(tracked, destination, "sending was interrupted (the node is stopping)");
        }
        catch (HttpConnectTimeoutException | ConnectException ex) {
            return ChannelResult.of(Verdict.RETRY, "Could not reach " + destination.url() + ": "
                    + SshConnections.describe(ex));
        }
        catch (IOException ex) {
            return failure(tracked, destination, SshConnections.describe(ex));
        }
        return answered(response, destination);
    }

    private static ChannelResult failure(TrackedBody tracked, Destination destination, String what) {
        if (tracked.taken()) {
            return ChannelResult.of(Verdict.UNKNOWN, "The message went to " + destination.url() + " but no answer"
                    + " came back (" + what + "); it may or may not have arrived, so it is not sent again by itself");
        }
        return ChannelResult.of(Verdict.RETRY, "Nothing was sent to " + destination.url() + ": " + what);
    }

    private static ChannelResult answered(HttpResponse<String> response, Destination destination) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return ChannelResult.sent("answered " + status);
        }
        String said = "The web address " + destination.url() + " answered " + status
                + (REASONS.containsKey(status) ? " (" + REASONS.get(status) + ")" : "") + shown(response.body());
        if (status >= 500 || status == 408 || status == 429) {
            return ChannelResult.of(Verdict.RETRY, said);
        }
        if (status >= 300 && status < 400) {
            return ChannelResult.of(Verdict.REJECTED, said + ", sending it elsewhere ("
                    + response.headers().firstValue("Location").orElse("no address given") + "): Stagedoor does"
                    + " not follow it; give the partner's final web address instead");
        }
        return ChannelResult.of(Verdict.REJECTED, said + ": it refused the message, so it is not tried again");
    }

    private static String shown(String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ", saying \"" + (text.length() <= SHOWN_ANSWER ? text : text.substring(0, SHOWN_ANSWER) + "…")
                + "\"";
    }

    private static Map<String, Object> body(Delivery delivery, ReportFacts facts, String link, Instant expires,
            long timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "file-ready");
        body.put("delivery", delivery.id());
        body.put("report", facts.reportTitle());
        body.put("subject", delivery.subject());
        body.put("partnerCompany", facts.partnerName());
        body.put("runId", facts.runId());
        body.put("rows", facts.rows());
        body.put("fileName", facts.fileName());
        body.put("fileSize", facts.fileSize());
        body.put("personalData", facts.personalData());
        body.put("download", Map.of("url", link, "expiresAt", expires.toString(), "uses", 1));
        body.put("timestamp", timestamp);
        return body;
    }
}
