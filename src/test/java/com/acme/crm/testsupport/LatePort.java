package com.acme.crm.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port that starts to accept connections only when opened, and then forwards them to a server that is already set
 * up: a database that comes up late, as a container's does, whose roles and databases exist from its first TCP
 * connection on. (An embedded server listens before the test can create them, and a command that connects in between
 * is refused for good, rightly.)
 */
public final class LatePort implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private LatePort(ServerSocket listener, int target) {
        this.listener = listener;
        daemon(() -> accept(target));
    }

    /** Opens {@code port} and forwards every connection to the server. */
    public static LatePort open(int port, PostgresServer server) throws IOException {
        return new LatePort(new ServerSocket(port), server.port());
    }

    private void accept(int target) {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket("localhost", target);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            }
        } catch (IOException closed) {
            // close() ends the loop
        }
    }

    private static void pump(Socket from, Socket to) {
        daemon(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // one side went away; closing both ends the other pump
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "late-port");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(LatePort::closeQuietly);
    }
}
