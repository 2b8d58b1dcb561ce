package glocal.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API (the real registry, Glocal's embedded one, or
 * any compatible server). Ids never change meaning, so id to schema and subject+schema to id are
 * cached for the client's life; version lists are always asked for afresh. 5xx answers and I/O
 * errors (and 429 rate limiting) are retried with doubling backoff; 4xx answers are mapped to the
 * {@link SchemaRegistryException} family at once.
 */
final class RestSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOO_MANY_REQUESTS = 429;

    private final String url;
    private final RegistryClientConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    RestSchemaRegistryClient(URI base, RegistryClientConfig config) {
        this.url = base.toString();
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
        this.authorization =
                config.basicAuthUserInfo() == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                config.basicAuthUserInfo()
                                                        .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> known =
                idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = known.get(schema);
        if (cached != null) {
            return cached;
        }
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode answer =
                call(
                        "POST",
                        "/subjects/" + segment(subject) + "/versions",
                        body,
                        code -> subjectError(code, subject));
        int id = requiredInt(answer, "id", "register under subject '" + subject + "'");
        known.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public SchemaVersion lookup(String subject, Schema schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode answer =
                call(
                        "POST",
                        "/subjects/" + segment(subject),
                        body,
                        code -> subjectError(code, subject));
        String what = "lookup of a schema under subject '" + subject + "'";
        int id = requiredInt(answer, "id", what);
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return new SchemaVersion(
                subject, requiredInt(answer, "version", what), id, schemasById.get(id));
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer =
                call(
                        "GET",
                        "/schemas/ids/" + id,
                        null,
                        code ->
                                code == SchemaNotFoundException.ERROR_CODE
                                        ? SchemaNotFoundException.forId(url, id)
                                        : null);
        Schema schema = parse(requiredText(answer, "schema", "schema id " + id), "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public List<Integer> getVersions(String subject) {
        JsonNode answer =
                call(
                        "GET",
                        "/subjects/" + segment(subject) + "/versions",
                        null,
                        code -> subjectError(code, subject));
        if (!answer.isArray()) {
            throw unexpected("versions of subject '" + subject + "'", answer);
        }
        List<Integer> versions = new ArrayList<>(answer.size());
        answer.forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public SchemaVersion getLatest(String subject) {
        return version(subject, "latest");
    }

    @Override
    public SchemaVersion getVersion(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    @Override
    public void checkReachable() {
        Request request = new Request("GET", "/subjects", null, code -> null);
        Response response = attempt(request, 0, 0);
        if (response.failure() != null || response.status() >= 400) {
            throw failure(request, response);
        }
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void close() {
        // Java 17's HttpClient holds no resources that need closing; drop the caches.
        schemasById.clear();
        idsBySubject.clear();
    }

    private SchemaVersion version(String subject, String version) {
        JsonNode answer =
                call(
                        "GET",
                        "/subjects/" + segment(subject) + "/versions/" + version,
                        null,
                        code -> {
                            if (code == VersionNotFoundException.ERROR_CODE) {
                                return new VersionNotFoundException(url, subject, version);
                            }
                            return subjectError(code, subject);
                        });
        String what = "version " + version + " of subject '" + subject + "'";
        int id = requiredInt(answer, "id", what);
        Schema schema =
                schemasById.computeIfAbsent(
                        id, i -> parse(requiredText(answer, "schema", what), what));
        return new SchemaVersion(
                requiredText(answer, "subject", what),
                requiredInt(answer, "version", what),
                id,
                schema);
    }

    private SchemaRegistryException subjectError(int code, String subject) {
        if (code == SubjectNotFoundException.ERROR_CODE) {
            return new SubjectNotFoundException(url, subject);
        }
        if (code == SchemaNotFoundException.ERROR_CODE) {
            return SchemaNotFoundException.forSubject(url, subject);
        }
        return null;
    }

    /**
     * One logical call: retried on 5xx and I/O errors, 4xx mapped by {@code specific} then
     * generically.
     */
    private JsonNode call(
            String method,
            String path,
            JsonNode body,
            Function<Integer, SchemaRegistryException> specific) {
        Request request = new Request(method, path, body, specific);
        Response last = null;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                pause(request, attempt, last);
            }
            last = attempt(request, attempt, config.maxRetries());
            if (!retriable(last)) {
                break;
            }
        }
        if (last.failure() != null || last.status() >= 400) {
            throw failure(request, last);
        }
        return last.body();
    }

    /**
     * I/O errors, 5xx and 429 (rate limited, as hosted registries answer) may pass on a later
     * attempt.
     */
    private static boolean retriable(Response response) {
        return response.failure() != null
                || response.status() >= 500
                || response.status() == TOO_MANY_REQUESTS;
    }

    private Response attempt(Request request, int attempt, int maxRetries) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(url + request.path()))
                        .timeout(config.requestTimeout())
                        .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (request.body() != null) {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(
                            request.method(),
                            HttpRequest.BodyPublishers.ofString(
                                    request.body().toString(), StandardCharsets.UTF_8));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response =
                    http.send(
                            builder.build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), readJson(response.body()), null);
        } catch (IOException e) {
            if (attempt < maxRetries) {
                LOG.warn(
                        "schema registry {} {} {} failed ({}); retrying",
                        url,
                        request.method(),
                        request.path(),
                        e.toString());
            }
            return new Response(0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(
                    0,
                    url,
                    "interrupted while calling schema registry "
                            + url
                            + " "
                            + request.method()
                            + " "
                            + request.path(),
                    e);
        }
    }

    private void pause(Request request, int retry, Response last) {
        try {
            Thread.sleep(config.backoffBefore(retry).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(
                    last.status(),
                    url,
                    "interrupted while retrying schema registry "
                            + url
                            + " "
                            + request.method()
                            + " "
                            + request.path(),
                    e);
        }
    }

    private SchemaRegistryException failure(Request request, Response response) {
        String call = request.method() + " " + request.path();
        int attempts = config.maxRetries() + 1;
        if (response.failure() != null) {
            Throwable e = response.failure();
            String why =
                    e instanceof HttpTimeoutException
                            ? "did not answer "
                                    + call
                                    + " within "
                                    + config.requestTimeout().toMillis()
                                    + " ms"
                            : e instanceof ConnectException
                                    ? "is unreachable (" + e + ") on " + call
                                    : "failed on " + call + " (" + e + ")";
            return new RegistryUnavailableException(
                    0,
                    url,
                    "schema registry "
                            + url
                            + " "
                            + why
                            + ": check that it is running and that schema.registry.url points at it",
                    e);
        }
        int status = response.status();
        int code = errorCode(response);
        String serverMessage =
                response.body() != null && response.body().hasNonNull("message")
                        ? response.body().get("message").asText()
                        : String.valueOf(response.body());
        SchemaRegistryException specific = request.specific().apply(code);
        if (specific != null) {
            return specific;
        }
        if (status == 409 || code == IncompatibleSchemaException.ERROR_CODE) {
            return new IncompatibleSchemaException(
                    url,
                    "schema registry "
                            + url
                            + " rejected "
                            + call
                            + " as incompatible: "
                            + serverMessage);
        }
        if (code == InvalidSchemaException.ERROR_CODE || status == 422) {
            return new InvalidSchemaException(
                    url,
                    "schema registry "
                            + url
                            + " rejected the schema in "
                            + call
                            + " as invalid ("
                            + code
                            + "): "
                            + serverMessage);
        }
        if (status == 401 || status == 403) {
            return new SchemaRegistryException(
                    code,
                    url,
                    "schema registry "
                            + url
                            + " refused "
                            + call
                            + " (HTTP "
                            + status
                            + "): set "
                            + RegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG
                            + " to valid user:password");
        }
        if (status >= 500 || status == TOO_MANY_REQUESTS) {
            return new RegistryUnavailableException(
                    code,
                    url,
                    "schema registry "
                            + url
                            + " failed "
                            + call
                            + " with HTTP "
                            + status
                            + " (error "
                            + code
                            + ") after "
                            + attempts
                            + " attempts: "
                            + serverMessage
                            + "; check the registry's logs and its backing store",
                    null);
        }
        return new SchemaRegistryException(
                code,
                url,
                "schema registry "
                        + url
                        + " answered "
                        + call
                        + " with HTTP "
                        + status
                        + " (error "
                        + code
                        + "): "
                        + serverMessage);
    }

    private static int errorCode(Response response) {
        JsonNode body = response.body();
        return body != null && body.hasNonNull("error_code")
                ? body.get("error_code").asInt()
                : response.status();
    }

    private JsonNode readJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            // Proxies answer errors in HTML; keep the raw text so the message shows what came back.
            return JSON.createObjectNode()
                    .put("message", text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    private Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new InvalidSchemaException(
                    url,
                    "schema registry "
                            + url
                            + " returned an unparsable Avro schema for "
                            + what
                            + ": "
                            + e.getMessage());
        }
    }

    private int requiredInt(JsonNode answer, String field, String what) {
        if (answer == null || !answer.hasNonNull(field) || !answer.get(field).canConvertToInt()) {
            throw unexpected(what, answer);
        }
        return answer.get(field).asInt();
    }

    private String requiredText(JsonNode answer, String field, String what) {
        if (answer == null || !answer.hasNonNull(field)) {
            throw unexpected(what, answer);
        }
        return answer.get(field).asText();
    }

    private SchemaRegistryException unexpected(String what, JsonNode answer) {
        return new SchemaRegistryException(
                0,
                url,
                "schema registry "
                        + url
                        + " gave an unexpected answer for "
                        + what
                        + ": "
                        + answer
                        + "; is the URL a Confluent-compatible schema registry?");
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Request(
            String method,
            String path,
            JsonNode body,
            Function<Integer, SchemaRegistryException> specific) {}

    private record Response(int status, JsonNode body, Throwable failure) {}
}
