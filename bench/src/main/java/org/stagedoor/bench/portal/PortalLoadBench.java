package org.stagedoor.bench.portal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Portal under load: a load driver against a running Stagedoor (started by bench/portal-load-bench.sh on
 * its own port and database). Each of {@code sessions} platform threads is one browser session: it logs in through
 * the form (GET /login for the CSRF token, POST /login with the session cookie) as one of the bench's partner users,
 * then, for a warm-up and a measured period, loads the home page ({@code /portal}) and the run history
 * ({@code /portal/runs}) in turn, with an optional pause between pages. Then, alone, one session downloads a 50 MB
 * run file through {@code /runs/{id}/file}, compared with reading the same file from disk in this JVM.
 *
 * <p>Its users, run history and file are made through SQL on the application's database (the users' password hash
 * copied from the demo partner user, so the same password): a partner user per company, {@code history} completed
 * runs per company (the history page shows up to 200), and one completed run whose file is a 50 MB CSV this program
 * writes into the application's report directory. The portal serves that file exactly as a file a run wrote: it
 * reads the run record and streams the path it names.
 */
public final class PortalLoadBench {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private static final String BENCH_USERS = "load-%@portal-bench.example";

    private static final String BENCH_RUNS = "portal load bench";

    private PortalLoadBench() {
    }

    /** What the script passes, as system properties with these defaults. */
    private record Settings(String baseUrl, String jdbcUrl, Path reports, int sessions, int users, int history,
            Duration warmUp, Duration measured, Duration think, int downloads, long fileBytes, String password) {

        static Settings fromSystemProperties() {
            return new Settings(System.getProperty("bench.base-url", "http://127.0.0.1:18080"),
                    System.getProperty("bench.jdbc-url", "jdbc:postgresql://localhost:54333/postgres"),
                    Path.of(System.getProperty("bench.reports",
                            System.getProperty("user.home") + "/.stagedoor/portal-load-bench-reports")),
                    Integer.getInteger("bench.sessions", 200), Integer.getInteger("bench.users", 20),
                    Integer.getInteger("bench.history", 200),
                    Duration.ofSeconds(Integer.getInteger("bench.warm-up-seconds", 10)),
                    Duration.ofSeconds(Integer.getInteger("bench.seconds", 30)),
                    Duration.ofMillis(Integer.getInteger("bench.think-ms", 0)),
                    Integer.getInteger("bench.downloads", 5),
                    Long.getLong("bench.file-mb", 50) * 1024 * 1024,
                    System.getProperty("bench.password", "stagedoor-demo"));
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), settings.jdbcUrl(),
                "postgres", "");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<User> users = users(jdbc, settings.users());
        history(jdbc, users, settings.history());
        Download file = bigFile(jdbc, users.get(0), settings.reports(), settings.fileBytes());
        System.out.printf("%d partner users over %d partner companies, %d completed runs each in the history; file of"
                + " run %d: %,d bytes%n", users.size(), users.stream().map(User::partnerCompanyId).distinct().count(),
                settings.history(), file.runId(), file.bytes());

        // Cookies by hand: the session cookie is Secure (as configured for production), which java.net's cookie
        // handling would not send over plain http to loopback; browsers treat localhost as secure.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        Pages pages = pages(http, settings, users);
        Transfer transfer = download(settings, login(http, settings.baseUrl(), users.get(0), settings.password()),
                file);

        String load = String.format(Locale.ROOT, "%.2f %.2f %.2f", loadAverage()[0], loadAverage()[1],
                loadAverage()[2]);
        System.out.println();
        System.out.printf("Machine: %d cores shared by the load driver (%d threads), the application and PostgreSQL;"
                + " %s %s; load average now %s%n", Runtime.getRuntime().availableProcessors(), settings.sessions(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), load);
        System.out.printf("Pages: %d sessions, %d s warm-up, %d s measured, pause between pages %d ms%n",
                settings.sessions(), settings.warmUp().toSeconds(), settings.measured().toSeconds(),
                settings.think().toMillis());
        System.out.println("| page | sessions | requests | req/s | errors | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Latencies latencies : List.of(pages.home(), pages.runs(), pages.home().and(pages.runs(), "both"))) {
            System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.0f | %d | %.1f | %.1f | %.1f | %.1f |%n",
                    latencies.name(), settings.sessions(), latencies.count(),
                    latencies.count() / (double) settings.measured().toSeconds(), latencies.errors(),
                    latencies.percentileMs(50), latencies.percentileMs(90), latencies.percentileMs(99),
                    latencies.percentileMs(100));
        }
        System.out.println();
        System.out.printf("Download: run %d's %,d-byte file, %d times by one logged-in session (nothing else running),"
                + " read with HttpURLConnection into a 64 KB buffer, against reading it from disk with FileInputStream"
                + " (64 KB buffer) in this JVM, page cache warm, and against the same file sent over a bare loopback"
                + " TCP connection (FileChannel.transferTo, no HTTP): the most any download here can reach; medians%n",
                file.runId(), file.bytes(), settings.downloads());
        System.out.println("| download MB/s | disk MB/s | loopback TCP MB/s | download / disk | download / loopback"
                + " | download s (rounds) |");
        System.out.println("|---:|---:|---:|---:|---:|---|");
        System.out.printf(Locale.ROOT, "| %.0f | %.0f | %.0f | %.2f | %.2f | %s |%n", transfer.downloadMbPerSecond(),
                transfer.diskMbPerSecond(), transfer.loopbackMbPerSecond(),
                transfer.downloadMbPerSecond() / transfer.diskMbPerSecond(),
                transfer.downloadMbPerSecond() / transfer.loopbackMbPerSecond(), transfer.rounds());
    }

    private record User(String email, long partnerCompanyId) {
    }

    /**
     * One partner user per partner company, round robin, {@code count} in all; made once. The password hash is the
     * demo partner user's, so they log in with the demo password.
     */
    private static List<User> users(JdbcClient jdbc, int count) {
        String hash = jdbc.sql("""
                select password_hash from login_account where lower(email) = 'partner@demo.stagedoor.org'
                """).query(String.class).optional().orElseThrow(() -> new IllegalStateException(
                        "No demo partner user: start the application on an empty embedded database with"
                                + " stagedoor.demo.enabled=true (the script does)"));
        List<Long> companies = jdbc.sql("select id from partner_company order by id").query(Long.class).list();
        List<User> users = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String email = "load-" + i + "@portal-bench.example";
            long company = companies.get((i - 1) % companies.size());
            boolean exists = jdbc.sql("select exists (select 1 from login_account where lower(email) = :email)")
                    .param("email", email).query(Boolean.class).single();
            if (!exists) {
                long partnerUser = jdbc.sql("""
                        insert into partner_user (partner_company_id, email, display_name)
                        values (:company, :email, :name) returning id
                        """).param("company", company).param("email", email).param("name", "Load bench user " + i)
                        .query(Long.class).single();
                jdbc.sql("""
                        insert into login_account (email, display_name, role, partner_user_id, password_hash)
                        values (:email, :name, 'PARTNER_USER', :partnerUser, :hash)
                        """).param("email", email).param("name", "Load bench user " + i)
                        .param("partnerUser", partnerUser).param("hash", hash).update();
            }
            users.add(new User(email, jdbc.sql("""
                    select pu.partner_company_id from login_account a join partner_user pu on pu.id = a.partner_user_id
                     where lower(a.email) = :email
                    """).param("email", email).query(Long.class).single()));
        }
        // A sign-in pause left by an earlier, interrupted bench would refuse every login of that user.
        jdbc.sql("delete from sign_in_pause where email_key like :users").param("users", BENCH_USERS).update();
        return users;
    }

    /**
     * Tops each bench company's history up to {@code perCompany} completed runs (one an hour, newest first), so
     * that the history page shows a full page. Records only: the history page reads no files.
     */
    private static void history(JdbcClient jdbc, List<User> users, int perCompany) {
        for (long company : users.stream().map(User::partnerCompanyId).distinct().toList()) {
            long existing = jdbc.sql("select count(*) from report_run where partner_company_id = :company")
                    .param("company", company).query(Long.class).single();
            jdbc.sql("""
                    insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                            parameters_resolved, format, status, cutoff_at, created_at, started_at,
                                            finished_at, row_count, file_size, sha256, file_name, location, expires_at)
                    select 'partner-event-sales', :company, :by, '{"period": "previous-week"}',
                           '{"period": "previous-week"}', 'XLSX', 'COMPLETED', t.at, t.at, t.at,
                           t.at + interval '3 seconds', 12, 9000, md5(r::text) || md5((r + 1)::text),
                           'partner-event-sales-' || r || '.xlsx', '/nonexistent/portal-load-bench/' || r || '.xlsx',
                           now() + interval '30 days'
                      from generate_series(1, :missing) r
                     cross join lateral (select now() - interval '1 day' - r * interval '1 hour' as at) t
                    """).param("company", company).param("by", BENCH_RUNS)
                    .param("missing", Math.max(0, perCompany - existing)).update();
        }
    }

    private record Download(long runId, Path path, long bytes) {
    }

    /**
     * A completed run of the first user's company whose file is a {@code bytes}-byte CSV written here (rows of
     * plausible customer columns), in the application's report directory; made once and reused.
     */
    private static Download bigFile(JdbcClient jdbc, User user, Path reports, long bytes) throws Exception {
        Path path = reports.resolve("portal-load-bench-" + (bytes >> 20) + "mb.csv");
        if (!Files.isRegularFile(path) || Files.size(path) != bytes) {
            Files.createDirectories(reports);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] row = "1234567,Ms,Firstname,Lastname,firstname.lastname@example.org,2026-11-01T10:00:00Z,ONLINE\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(path), sha256)) {
                long written = 0;
                while (written < bytes) {
                    int n = (int) Math.min(row.length, bytes - written);
                    out.write(row, 0, n);
                    written += n;
                }
            }
            jdbc.sql("delete from report_run where location = :location").param("location", path.toString()).update();
            jdbc.sql("""
                    insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                            parameters_resolved, format, status, cutoff_at, created_at, started_at,
                                            finished_at, row_count, file_size, sha256, file_name, location, expires_at)
                    values ('partner-event-sales', :company, :by, '{"period": "previous-week"}',
                            '{"period": "previous-week"}', 'CSV', 'COMPLETED', now(), now(), now(), now(), :rows,
                            :bytes, :sha256, :name, :location, :expires)
                    """).param("company", user.partnerCompanyId()).param("by", BENCH_RUNS)
                    .param("rows", bytes / row.length).param("bytes", bytes)
                    .param("sha256", HexFormat.of().formatHex(sha256.digest()))
                    .param("name", path.getFileName().toString()).param("location", path.toString())
                    .param("expires", Timestamp.from(Instant.now().plus(Duration.ofDays(365)))).update();
        }
        long runId = jdbc.sql("select id from report_run where location = :location").param("location", path.toString())
                .query(Long.class).single();
        return new Download(runId, path, Files.size(path));
    }

    /**
     * Logs in, trying again on a dropped connection: while 200 sessions log in (bcrypt on two busy cores) a pooled
     * connection can sit idle past Tomcat's keep-alive timeout, and the server closes it as the client reuses it. A
     * login told that too many are signing in at once tries again a second later, as a person would.
     */
    private static String login(HttpClient http, String baseUrl, User user, String password) throws Exception {
        for (int attempt = 1, busy = 0;; attempt++) {
            try {
                String session = loginOnce(http, baseUrl, user, password);
                if (session != null) {
                    return session;
                }
                if (++busy == 300) {
                    throw new IllegalStateException("Login of " + user.email() + " was told 300 times to try again");
                }
                Thread.sleep(1_000);
            }
            catch (IOException ex) {
                if (attempt == 3) {
                    throw ex;
                }
            }
        }
    }

    /** Logs in through the form as a browser does; returns the session cookie's value, or null if told to wait. */
    private static String loginOnce(HttpClient http, String baseUrl, User user, String password) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(form.body());
        String session = cookie(form);
        if (form.statusCode() != 200 || !csrf.find() || session == null) {
            throw new IllegalStateException("GET /login answered " + form.statusCode() + " without a form or cookie");
        }
        String body = "username=" + encode(user.email()) + "&password=" + encode(password) + "&_csrf="
                + encode(csrf.group(1));
        HttpResponse<Void> posted = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "JSESSIONID=" + session)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        String location = posted.headers().firstValue("Location").orElse("");
        if (posted.statusCode() == 302 && location.endsWith("/login?busy")) {
            return null;
        }
        if (posted.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Login of " + user.email() + " failed: " + posted.statusCode() + " "
                    + location);
        }
        // The session id changes at login (session fixation protection).
        String loggedIn = cookie(posted);
        return loggedIn != null ? loggedIn : session;
    }

    private static String cookie(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher matcher = SESSION.matcher(header);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Pages(Latencies home, Latencies runs) {
    }

    /** The sessions log in, wait for each other, then browse; latencies of the measured period only. */
    private static Pages pages(HttpClient http, Settings settings, List<User> users) throws Exception {
        // Daemon threads: a session that fails ends the program instead of leaving the others hammering the portal.
        ExecutorService threads = Executors.newFixedThreadPool(settings.sessions(), task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch loggedIn = new CountDownLatch(settings.sessions());
        AtomicLong measuredFrom = new AtomicLong();
        List<Future<Latencies[]>> results = new ArrayList<>();
        long loginStart = System.nanoTime();
        for (int i = 0; i < settings.sessions(); i++) {
            User user = users.get(i % users.size());
            int first = i % 2;
            results.add(threads.submit(() -> {
                String session;
                try {
                    session = login(http, settings.baseUrl(), user, settings.password());
                }
                finally {
                    loggedIn.countDown();
                }
                loggedIn.await();
                long start = measuredFrom.get();
                long from = start + settings.warmUp().toNanos();
                long until = from + settings.measured().toNanos();
                Latencies home = new Latencies("home /portal");
                Latencies runs = new Latencies("history /portal/runs");
                // Sessions start on different pages, so both are requested throughout.
                for (int page = first; System.nanoTime() < until; page++) {
                    boolean isHome = page % 2 == 0;
                    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl()
                            + (isHome ? "/portal" : "/portal/runs"))).header("Cookie", "JSESSIONID=" + session).build();
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    }
                    catch (IOException ex) {
                        status = -1;
                    }
                    long received = System.nanoTime();
                    if (sent >= from && received <= until) {
                        (isHome ? home : runs).add(received - sent, status == 200);
                    }
                    if (!settings.think().isZero()) {
                        Thread.sleep(settings.think().toMillis());
                    }
                }
                return new Latencies[] { home, runs };
            }));
        }
        // Set before any session can pass the latch: the last login opens it, after this is set or not at all.
        measuredFrom.set(System.nanoTime());
        Latencies home = new Latencies("home /portal");
        Latencies runs = new Latencies("history /portal/runs");
        try {
            for (Future<Latencies[]> result : results) {
                Latencies[] session = result.get();
                home = home.and(session[0], home.name());
                runs = runs.and(session[1], runs.name());
            }
        }
        finally {
            threads.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "%d sessions logged in (%.1f s, bcrypt per login)%n", settings.sessions(),
                (System.nanoTime() - loginStart) / 1e9);
        return new Pages(home, runs);
    }

    private record Transfer(double downloadMbPerSecond, double diskMbPerSecond, double loopbackMbPerSecond,
            String rounds) {
    }

    /**
     * Disk read, loopback ceiling and download in turn, after one of each to warm the page cache, the JIT and the
     * connection.
     */
    private static Transfer download(Settings settings, String session, Download file) throws Exception {
        URI uri = URI.create(settings.baseUrl() + "/runs/" + file.runId() + "/file");
        readDisk(file);
        readLoopback(file);
        readHttp(uri, session, file);
        List<Double> downloads = new ArrayList<>();
        List<Double> disk = new ArrayList<>();
        List<Double> loopback = new ArrayList<>();
        for (int i = 0; i < settings.downloads(); i++) {
            disk.add(readDisk(file));
            loopback.add(readLoopback(file));
            downloads.add(readHttp(uri, session, file));
        }
        double mb = file.bytes() / 1e6;
        return new Transfer(mb / median(downloads), mb / median(disk), mb / median(loopback), String.join(", ",
                downloads.stream().map(seconds -> String.format(Locale.ROOT, "%.3f", seconds)).toList()));
    }

    /** The file sent over a bare TCP connection on loopback, kernel to kernel (sendfile), read as a download is. */
    private static double readLoopback(Download file) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread sender = new Thread(() -> {
                try (SocketChannel socket = server.accept(); FileChannel channel = FileChannel.open(file.path())) {
                    for (long sent = 0; sent < file.bytes();) {
                        sent += channel.transferTo(sent, file.bytes() - sent, socket);
                    }
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }, "loopback-sender");
            sender.setDaemon(true);
            sender.start();
            byte[] buffer = new byte[64 * 1024];
            long start = System.nanoTime();
            long total = 0;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
                    InputStream in = socket.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0;) {
                    total += n;
                }
            }
            double seconds = seconds(start, total, file);
            sender.join();
            return seconds;
        }
    }

    private static double readDisk(Download file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long start = System.nanoTime();
        long total = 0;
        try (InputStream in = new FileInputStream(file.path().toFile())) {
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
            }
        }
        return seconds(start, total, file);
    }

    /**
     * With HttpURLConnection: java.net.http's client hands the body over in small buffers through a queue and tops
     * out near 320 MB/s here, where curl reads the same download at 0.9-1 GB/s; the client must not be the limit.
     */
    private static double readHttp(URI uri, String session, Download file) throws Exception {
        byte[] buffer = new byte[64 * 1024];
        long start = System.nanoTime();
        long total = 0;
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestProperty("Cookie", "JSESSIONID=" + session);
        connection.setInstanceFollowRedirects(false);
        if (connection.getResponseCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + connection.getResponseCode());
        }
        try (InputStream in = connection.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
            }
        }
        return seconds(start, total, file);
    }

    private static double seconds(long start, long total, Download file) {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (total != file.bytes()) {
            throw new UncheckedIOException(new IOException("Read " + total + " bytes of " + file.bytes()));
        }
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double[] loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return new double[] { Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2]) };
        }
        catch (IOException | RuntimeException ex) {
            return new double[] { Double.NaN, Double.NaN, Double.NaN };
        }
    }

    /** One session's (or, merged, every session's) latencies of one page, in nanoseconds, and its failed requests. */
    private static final class Latencies {

        private final String name;

        private long[] nanos = new long[1024];

        private int count;

        private long errors;

        Latencies(String name) {
            this.name = name;
        }

        void add(long latency, boolean ok) {
            if (!ok) {
                errors++;
            }
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
        }

        Latencies and(Latencies other, String merged) {
            Latencies all = new Latencies(merged);
            all.nanos = Arrays.copyOf(nanos, count + other.count);
            System.arraycopy(other.nanos, 0, all.nanos, count, other.count);
            all.count = count + other.count;
            all.errors = errors + other.errors;
            return all;
        }

        String name() {
            return name;
        }

        int count() {
            return count;
        }

        long errors() {
            return errors;
        }

        /** Nearest-rank percentile; 100 is the maximum. */
        double percentileMs(double percentile) {
            if (count == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100.0 * count);
            return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
        }
    }
}
