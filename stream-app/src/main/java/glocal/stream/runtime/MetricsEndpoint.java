package glocal.stream.runtime;

import com.sun.net.httpserver.HttpServer;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.startup.StartupException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves a Prometheus registry at {@code GET /metrics} (text exposition format). */
public final class MetricsEndpoint implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;

    private MetricsEndpoint(PrometheusMeterRegistry registry, HttpServer server) {
        this.registry = registry;
        this.server = server;
    }

    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Binds {@code port} on all interfaces (0 = a free port) so a scraper in another container
     * reaches it.
     *
     * @throws StartupException when the port is taken, naming it and glocal.metrics.port
     */
    public static MetricsEndpoint start(PrometheusMeterRegistry registry, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw StartupException.cannotBind(
                    "the Prometheus endpoint",
                    "0.0.0.0",
                    port,
                    StartupException.setBy(GlocalStreamsConfig.METRICS_PORT_CONFIG),
                    e);
        }
        server.createContext(
                "/metrics",
                exchange -> {
                    try (exchange) {
                        if (!"GET".equals(exchange.getRequestMethod())) {
                            exchange.sendResponseHeaders(405, -1);
                            return;
                        }
                        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders()
                                .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
        server.start();
        return new MetricsEndpoint(registry, server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/metrics";
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
