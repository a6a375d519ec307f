package org.stagedoor.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Covers issue 13 item 4 (fault suite): fifty clients flooding the API with HTTP Basic for unknown users, as fast as
 * they can and never waiting, while one logged-in person browses the portal on the real server (eight request
 * threads). The flood is refused (401 while its address may still fail, then 429 at once) and never answered with a
 * server error; every page of the person's is served, and the person's slowest pages stay far from the two seconds
 * they took before sign-ins were throttled. The figures (the person's p50 and p99, quiet and under the flood) are
 * printed for bench/RESULTS.md; the bound asserted here is a gross one, since this machine is shared and noisy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        // A context of its own: the flood leaves 127.0.0.1 slowed down in this node's memory for minutes, which
        // would refuse the logins of any other test class sharing the context.
        "stagedoor.security.address-refill=61s" })
class SignInFloodIntegrationTests extends StoreIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private static final int FLOODERS = 50;

    private static final int PAGES = 300;

    @Autowired
    private Accounts accounts;

    @Autowired
    private BookingFixtures fixtures;

    @LocalServerPort
    private int port;

    @Test
    void aFloodOfWrongBasicSignInsIsRefusedWhileAPersonBrowsesOn() throws Exception {
        long company = fixtures.partner("Northern Lights Productions", false).id();
        TestAccounts.partnerUser(accounts, company, "ann@northern.example");
        String session = logIn("ann@northern.example", TestAccounts.PASSWORD);
        browse(session, 50);
        List<Long> quiet = browse(session, PAGES);

        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
        ExecutorService flood = Executors.newFixedThreadPool(FLOODERS);
        for (int i = 0; i < FLOODERS; i++) {
            String credentials = "Basic " + Base64.getEncoder().encodeToString(("stranger" + i
                    + "@example.org:guess").getBytes(StandardCharsets.UTF_8));
            flood.execute(() -> {
                while (flooding.get()) {
                    int status = status("/api/portal/reports", "Authorization", credentials);
                    answers.computeIfAbsent(status, any -> new AtomicLong()).incrementAndGet();
                }
            });
        }
        List<Long> flooded;
        try {
            Thread.sleep(2_000);
            flooded = browse(session, PAGES);
        }
        finally {
            flooding.set(false);
            flood.shutdown();
            assertThat(flood.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        System.out.printf(Locale.ROOT, "Sign-in flood: %d clients, answers %s; the person's pages: quiet p50 %.1f ms,"
                + " p99 %.1f ms; flooded p50 %.1f ms, p99 %.1f ms (p99 ratio %.2f)%n", FLOODERS, answers,
                millis(quiet, 50), millis(quiet, 99), millis(flooded, 50), millis(flooded, 99),
                millis(flooded, 99) / millis(quiet, 99));
        assertThat(answers.keySet()).as("the flood's answers").containsOnly(401, 429).contains(429);
        assertThat(answers.get(401).get()).as("password checks before the address was slowed down")
                .isLessThanOrEqualTo(30);
        assertThat(Duration.ofNanos(percentile(flooded, 99))).as("the person's p99 under the flood")
                .isLessThan(Duration.ofMillis(500));
    }

    /** GETs the portal's home page {@code pages} times in a row with the session; returns each page's time. */
    private List<Long> browse(String session, int pages) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            long started = System.nanoTime();
            assertThat(status("/portal", "Cookie", "JSESSIONID=" + session)).isEqualTo(200);
            times.add(System.nanoTime() - started);
        }
        return times;
    }

    private int status(String path, String header, String value) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL()
                    .openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty(header, value);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status;
        }
        catch (IOException ex) {
            return -1;
        }
    }

    private String logIn(String email, String password) throws IOException {
        HttpURLConnection form = (HttpURLConnection) URI.create("http://localhost:" + port + "/login").toURL()
                .openConnection();
        String page = new String(form.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).isTrue();
        String cookie = cookie(form);
        HttpURLConnection post = (HttpURLConnection) URI.create("http://localhost:" + port + "/login").toURL()
                .openConnection();
        post.setInstanceFollowRedirects(false);
        post.setDoOutput(true);
        post.setRequestMethod("POST");
        post.setRequestProperty("Cookie", "JSESSIONID=" + cookie);
        post.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        post.getOutputStream().write(("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        assertThat(post.getResponseCode()).isEqualTo(302);
        assertThat(post.getHeaderField("Location")).endsWith("/");
        return cookie(post);
    }

    private static String cookie(HttpURLConnection connection) {
        for (String header : connection.getHeaderFields().getOrDefault("Set-Cookie", List.of())) {
            Matcher matcher = SESSION.matcher(header);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new IllegalStateException("No session cookie");
    }

    private static long percentile(List<Long> times, int percent) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
    }

    private static double millis(List<Long> times, int percent) {
        return percentile(times, percent) / 1e6;
    }
}
