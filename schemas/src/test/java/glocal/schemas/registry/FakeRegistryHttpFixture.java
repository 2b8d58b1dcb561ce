package glocal.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A test double of the Confluent registry's REST API written from its documentation, independent of
 * Glocal's own server, so the client is tested against the protocol and not against itself. It
 * records request headers and can be told to fail the next requests with 500.
 */
final class FakeRegistryHttpFixture implements AutoCloseable {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern VERSION = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Map<Integer, String> schemas = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private volatile int injectedStatus = 500;

    FakeRegistryHttpFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void failNextRequestsWith500(int count) {
        failNextRequests(count, 500);
    }

    void failNextRequests(int count, int status) {
        injectedStatus = status;
        failuresToInject.set(count);
    }

    int requestCount() {
        return requests.get();
    }

    List<String> authorizationHeaders() {
        return authorizations;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(
                        exchange,
                        injectedStatus,
                        injectedStatus == 429
                                ? "{\"error_code\":429,\"message\":\"Rate limit exceeded\"}"
                                : "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            synchronized (this) {
                Matcher m;
                if (method.equals("POST") && (m = REGISTER.matcher(path)).matches()) {
                    register(exchange, decode(m.group(1)));
                } else if (method.equals("GET") && (m = REGISTER.matcher(path)).matches()) {
                    List<Integer> versions = subjects.get(decode(m.group(1)));
                    if (versions == null) {
                        send(
                                exchange,
                                404,
                                "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
                    } else {
                        List<Integer> numbers = new ArrayList<>();
                        for (int v = 1; v <= versions.size(); v++) {
                            numbers.add(v);
                        }
                        send(exchange, 200, json.writeValueAsString(numbers));
                    }
                } else if (method.equals("POST") && (m = SUBJECT.matcher(path)).matches()) {
                    lookup(exchange, decode(m.group(1)));
                } else if (method.equals("GET") && (m = VERSION.matcher(path)).matches()) {
                    version(exchange, decode(m.group(1)), m.group(2));
                } else if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()) {
                    String schema = schemas.get(Integer.parseInt(m.group(1)));
                    if (schema == null) {
                        send(
                                exchange,
                                404,
                                "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                    } else {
                        send(
                                exchange,
                                200,
                                json.createObjectNode().put("schema", schema).toString());
                    }
                } else if (method.equals("GET") && path.equals("/subjects")) {
                    send(exchange, 200, json.writeValueAsString(subjects.keySet()));
                } else {
                    send(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
                }
            }
        }
    }

    private void register(HttpExchange exchange, String subject) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        Schema schema = new Schema.Parser().parse(body.get("schema").asText());
        String text = schema.toString();
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer id =
                schemas.entrySet().stream()
                        .filter(e -> e.getValue().equals(text))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
        if (id == null || !versions.contains(id)) {
            if (!versions.isEmpty()) {
                Schema latest =
                        new Schema.Parser().parse(schemas.get(versions.get(versions.size() - 1)));
                if (SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                        != SchemaCompatibilityType.COMPATIBLE) {
                    send(
                            exchange,
                            409,
                            "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an "
                                    + "earlier schema for subject \\\""
                                    + subject
                                    + "\\\"\"}");
                    return;
                }
            }
            if (id == null) {
                id = schemas.size() + 1;
                schemas.put(id, text);
            }
            versions.add(id);
        }
        send(exchange, 200, "{\"id\":" + id + "}");
    }

    private void lookup(HttpExchange exchange, String subject) throws IOException {
        String text =
                new Schema.Parser()
                        .parse(json.readTree(exchange.getRequestBody()).get("schema").asText())
                        .toString();
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            send(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
            return;
        }
        for (int v = 0; v < versions.size(); v++) {
            if (schemas.get(versions.get(v)).equals(text)) {
                send(
                        exchange,
                        200,
                        json.createObjectNode()
                                .put("subject", subject)
                                .put("version", v + 1)
                                .put("id", versions.get(v))
                                .put("schema", text)
                                .toString());
                return;
            }
        }
        send(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
    }

    private void version(HttpExchange exchange, String subject, String version) throws IOException {
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            send(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
            return;
        }
        int number = version.equals("latest") ? versions.size() : Integer.parseInt(version);
        if (number < 1 || number > versions.size()) {
            send(exchange, 404, "{\"error_code\":40402,\"message\":\"Version not found.\"}");
            return;
        }
        int id = versions.get(number - 1);
        send(
                exchange,
                200,
                json.createObjectNode()
                        .put("subject", subject)
                        .put("version", number)
                        .put("id", id)
                        .put("schema", schemas.get(id))
                        .toString());
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
