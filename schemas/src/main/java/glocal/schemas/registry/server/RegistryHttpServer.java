package glocal.schemas.registry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import glocal.schemas.registry.RegistryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link RegistryStore} over HTTP with the Confluent Schema Registry REST subset that
 * Confluent's standard clients (Java, Python, Node) use to produce and consume Avro, so programs
 * outside the JVM can share the embedded run's schema ids. Built on the JDK's HTTP server: no
 * dependency. Every answer is JSON with Confluent's content type; failures never leak a stack
 * trace.
 */
public final class RegistryHttpServer implements AutoCloseable {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** Oversized bodies up to this size are read and dropped so the client receives the 413. */
    static final long DISCARD_LIMIT_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final RegistryApi api;
    private final int maxRequestBytes;
    private final String url;

    private RegistryHttpServer(
            HttpServer server, ExecutorService executor, RegistryStore store, int maxRequestBytes) {
        this.server = server;
        this.executor = executor;
        this.api = new RegistryApi(store);
        this.maxRequestBytes = maxRequestBytes;
        this.url =
                "http://"
                        + server.getAddress().getHostString()
                        + ":"
                        + server.getAddress().getPort();
    }

    /**
     * Binds {@code config.host():config.port()} (0 = any free port) and starts serving {@code
     * store}.
     */
    public static RegistryHttpServer start(RegistryStore store, RegistryServerConfig config) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot bind the schema registry HTTP server to "
                            + config.host()
                            + ":"
                            + config.port()
                            + " ("
                            + e.getMessage()
                            + "): choose another "
                            + RegistryServerConfig.PORT_CONFIG
                            + ", or 0 for any free port",
                    e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor =
                Executors.newFixedThreadPool(
                        config.threads(),
                        r -> {
                            Thread t =
                                    new Thread(
                                            r,
                                            "schema-registry-http-"
                                                    + threadNumber.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        RegistryHttpServer registry =
                new RegistryHttpServer(server, executor, store, config.maxRequestBytes());
        server.createContext("/", registry::handle);
        server.start();
        LOG.info("schema registry {} served over HTTP at {}", store.url(), registry.url);
        return registry;
    }

    /**
     * The base URL, e.g. {@code http://127.0.0.1:38081}, to give as {@code schema.registry.url}.
     */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            RegistryApi.Answer answer;
            try {
                byte[] body = readBody(exchange);
                answer =
                        api.handle(
                                exchange.getRequestMethod(),
                                segments(exchange.getRequestURI().getRawPath()),
                                query(exchange.getRequestURI().getRawQuery()),
                                body);
            } catch (ApiException e) {
                answer = error(e.status(), e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                // The cause goes to the log, never to the client.
                LOG.error(
                        "schema registry request {} {} failed",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        e);
                answer =
                        error(
                                500,
                                50001,
                                "Error in the backend data store: internal error, see the Glocal log");
            }
            send(exchange, answer);
        } catch (IOException e) {
            LOG.debug(
                    "schema registry could not answer {} {}: {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    e.toString());
        }
    }

    /**
     * Reads at most {@code maxRequestBytes}. A larger body is refused with 413; up to {@link
     * #DISCARD_LIMIT_BYTES} of it is read and thrown away first, because HTTP/1.1 clients that are
     * still sending when the server answers and closes see a reset instead of the 413. Beyond that
     * the connection is closed at once: the client may see a reset, but the server never waits on
     * it.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new ApiException(
                        400, 400, "Invalid Content-Length header '" + declared + "'");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            if (length > maxRequestBytes) {
                if (length <= DISCARD_LIMIT_BYTES) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                throw tooLarge(length + " bytes");
            }
            byte[] body = in.readNBytes(maxRequestBytes + 1);
            if (body.length > maxRequestBytes) {
                long rest = in.transferTo(new BoundedSink(DISCARD_LIMIT_BYTES));
                throw tooLarge("more than " + (body.length + rest - 1) + " bytes");
            }
            return body;
        }
    }

    /** Discards what is written to it, failing once more than its limit arrived. */
    private static final class BoundedSink extends OutputStream {
        private final long limit;
        private long written;

        BoundedSink(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > limit) {
                throw new IOException(
                        "request body beyond " + limit + " bytes; closing the connection");
            }
        }
    }

    private ApiException tooLarge(String size) {
        return new ApiException(
                413,
                413,
                "Request body of "
                        + size
                        + " exceeds the limit of "
                        + maxRequestBytes
                        + " bytes ("
                        + RegistryServerConfig.MAX_REQUEST_BYTES_CONFIG
                        + ")");
    }

    private static RegistryApi.Answer error(int status, int code, String message) {
        return new RegistryApi.Answer(
                status,
                JSON.createObjectNode().put("error_code", code).put("message", message).toString());
    }

    private static void send(HttpExchange exchange, RegistryApi.Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        if (answer.status() == 413) {
            // The unread rest of the body makes the connection unusable for another request.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key =
                        URLDecoder.decode(
                                eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(
                        key,
                        eq < 0
                                ? ""
                                : URLDecoder.decode(
                                        pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
