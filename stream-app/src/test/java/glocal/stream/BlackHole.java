package glocal.stream;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A port on 127.0.0.1 that accepts TCP connections and never answers: a hung server. */
public final class BlackHole implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public BlackHole() throws IOException {
        Thread acceptor =
                new Thread(
                        () -> {
                            try {
                                while (true) {
                                    accepted.add(server.accept());
                                }
                            } catch (IOException closed) {
                                // close() ends the loop
                            }
                        },
                        "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.size();
    }

    /** Waits until at least {@code n} connections were accepted. */
    public void awaitConnections(int n, Duration timeout) throws InterruptedException {
        await(n + " connections to port " + port())
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)) // polling the acceptor
                .until(() -> accepted.size() >= n);
    }

    /** A port that was free a moment ago: nothing listens on it. */
    public static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
