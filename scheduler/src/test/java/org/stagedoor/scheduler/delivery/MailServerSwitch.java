package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mail server's port with a switch in front of it: a loopback relay from the port the application sends to
 * onto a real server (GreenMail) elsewhere. Switched off, nothing listens on the port (connections are refused, as
 * with a server that is down); switched off hard, the conversations under way are cut as well (as with a server
 * that crashed). GreenMail itself cannot stop listening without dropping what it holds, so the outage is made here.
 */
final class MailServerSwitch implements AutoCloseable {

    private final int port;

    private final int serverPort;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private final AtomicInteger connections = new AtomicInteger();

    private volatile ServerSocket listening;

    private MailServerSwitch(int port, int serverPort) {
        this.port = port;
        this.serverPort = serverPort;
    }

    /** Relays {@code port} to the server on {@code serverPort}, switched on. */
    static MailServerSwitch start(int port, int serverPort) throws IOException {
        MailServerSwitch relay = new MailServerSwitch(port, serverPort);
        relay.on();
        return relay;
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    synchronized void on() throws IOException {
        if (listening != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listening = socket;
        Thread acceptor = new Thread(() -> accept(socket), "mail-switch-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops listening: new connections are refused; the ones under way may finish. */
    synchronized void off() throws IOException {
        if (listening != null) {
            listening.close();
            listening = null;
        }
    }

    /** Stops listening and cuts every conversation under way, in the middle of whatever it was saying. */
    synchronized void offHard() throws IOException {
        off();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            }
            catch (IOException ex) {
                // Switched off.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException ex) {
                // One side closed or was cut: the other goes with it.
            }
            finally {
                close(from);
                close(to);
            }
        }, "mail-switch-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private void close(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Closed already.
        }
        sockets.remove(socket);
    }

    @Override
    public void close() throws IOException {
        offHard();
    }
}
