package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpServer;

import org.stagedoor.scheduler.destination.WebhookSignature;

/**
 * A partner's web address for tests: a real HTTP server on a loopback port that checks each message's signature
 * with the secret it was given, as docs/destinations.md tells partners to, and answers what the test says.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One message as received, and whether its signature checked out. */
    record Received(String delivery, long timestamp, String body, boolean signatureValid) {
    }

    private final HttpServer server;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final CountDownLatch released = new CountDownLatch(1);

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    private volatile IntSupplier answer = () -> 200;

    private volatile boolean silent;

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
            boolean valid = timestamp != null && signature != null && receiver.secrets.stream().anyMatch(secret ->
                    WebhookSignature.sign(secret, Long.parseLong(timestamp), body).equals(signature))
                    && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) <= 300;
            receiver.received.add(new Received(exchange.getRequestHeaders().getFirst(
                    WebhookSignature.DELIVERY_HEADER), timestamp == null ? 0 : Long.parseLong(timestamp),
                    new String(body, StandardCharsets.UTF_8), valid));
            if (receiver.silent) {
                try {
                    receiver.released.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            int status = valid ? receiver.answer.getAsInt() : 401;
            byte[] answer = (status == 500 ? "Database unavailable" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(receiver.threads);
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Takes messages signed with this secret too (one per destination told here). */
    void secret(String secret) {
        secrets.add(secret);
    }

    void answer(IntSupplier status) {
        this.answer = status;
    }

    /** Takes messages and never answers, until closed. */
    void silent() {
        this.silent = true;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
