package org.stagedoor.scheduler.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server that misbehaves on purpose, on a real loopback socket: GreenMail accepts everything and always
 * answers, so the failures a real server can cause are scripted here.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    enum Script {
        /** Answers 550 to every RCPT TO: a permanent rejection. */
        REJECT_RECIPIENT,
        /** Answers 451 to every RCPT TO: a temporary one. */
        DEFER_RECIPIENT,
        /** Accepts connections and never says a word, not even its greeting. */
        SILENT,
        /** Behaves until the message's content is sent, then never replies to the final ".". */
        SWALLOW_DATA
    }

    private final ServerSocket server;

    private final Script script;

    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    private final List<String> commands = new CopyOnWriteArrayList<>();

    private final AtomicInteger connections = new AtomicInteger();

    private final AtomicInteger messages = new AtomicInteger();

    private final AtomicInteger hangUps = new AtomicInteger();

    private final Thread acceptor;

    private ScriptedSmtpServer(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
        this.acceptor = new Thread(this::acceptConnections, "scripted-smtp-" + script);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    static ScriptedSmtpServer start(int port, Script script) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new ScriptedSmtpServer(socket, script);
    }

    /** Connections accepted. */
    int connections() {
        return connections.get();
    }

    /** Messages whose content arrived in full (up to the final "."). */
    int messages() {
        return messages.get();
    }

    /** Connections the client closed (gave up on, or ended with QUIT). */
    int hangUps() {
        return hangUps.get();
    }

    /** The command lines received, in order (message content left out). */
    List<String> commands() {
        return List.copyOf(commands);
    }

    private void acceptConnections() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                connections.incrementAndGet();
                Thread conversation = new Thread(() -> converse(client), "scripted-smtp-client");
                conversation.setDaemon(true);
                conversation.start();
            }
            catch (IOException ex) {
                // Closed by close().
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
            if (script == Script.SILENT) {
                waitForHangUp(in);
                return;
            }
            reply(out, "220 scripted.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted.test");
                    case "MAIL" -> reply(out, "250 2.1.0 Ok");
                    case "RCPT" -> reply(out, switch (script) {
                        case REJECT_RECIPIENT -> "550 5.1.1 " + address(line) + ": Recipient address rejected: no such"
                                + " user here";
                        case DEFER_RECIPIENT -> "451 4.3.0 " + address(line) + ": Temporary lookup failure";
                        default -> "250 2.1.5 Ok";
                    });
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // The content.
                        }
                        messages.incrementAndGet();
                        if (script == Script.SWALLOW_DATA) {
                            waitForHangUp(in);
                            return;
                        }
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 2.0.0 Ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        hangUps.incrementAndGet();
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognised");
                }
            }
            hangUps.incrementAndGet();
        }
        catch (IOException ex) {
            // The socket was closed under us: by close(), or reset by the client.
        }
    }

    /** Reads (and ignores) until the client closes the connection. */
    private void waitForHangUp(BufferedReader in) throws IOException {
        while (in.read() >= 0) {
            // Nothing is answered.
        }
        hangUps.incrementAndGet();
    }

    private static String address(String command) {
        int start = command.indexOf('<');
        int end = command.indexOf('>');
        return start >= 0 && end > start ? command.substring(start, end + 1) : "<>";
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        try {
            acceptor.join(5000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
