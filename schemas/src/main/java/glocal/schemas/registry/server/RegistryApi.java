package glocal.schemas.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glocal.schemas.registry.CompatibilityLevel;
import glocal.schemas.registry.IncompatibleSchemaException;
import glocal.schemas.registry.RegistryStore;
import glocal.schemas.registry.RegistryStoreException;
import glocal.schemas.registry.SchemaNotFoundException;
import glocal.schemas.registry.SchemaVersion;
import glocal.schemas.registry.SubjectNotFoundException;
import glocal.schemas.registry.VersionNotFoundException;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST subset over a {@link RegistryStore}, free of HTTP plumbing: a
 * method, decoded path segments, query parameters and a body in, a status and a JSON body out.
 * Status codes, error codes and messages follow Confluent's API reference.
 */
final class RegistryApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryStore store;

    RegistryApi(RegistryStore store) {
        this.store = store;
    }

    record Answer(int status, String body) {
        static Answer ok(Object json) {
            return new Answer(200, json.toString());
        }
    }

    Answer handle(String method, List<String> path, Map<String, String> query, byte[] body) {
        if (path.isEmpty()) {
            return only(method, "GET", () -> Answer.ok(JSON.createObjectNode()));
        }
        switch (path.get(0)) {
            case "subjects":
                return subjects(method, path, body);
            case "schemas":
                return schemas(method, path);
            case "config":
                return config(method, path, query, body);
            case "compatibility":
                return compatibility(method, path, query, body);
            default:
                throw ApiException.notFound();
        }
    }

    private Answer subjects(String method, List<String> path, byte[] body) {
        if (path.size() == 1) {
            return only(method, "GET", () -> Answer.ok(array(store.subjects())));
        }
        String subject = path.get(1);
        if (path.size() == 2) {
            return only(method, "POST", () -> lookup(subject, body));
        }
        if (!path.get(2).equals("versions")) {
            throw ApiException.notFound();
        }
        if (path.size() == 3) {
            if (method.equals("POST")) {
                return register(subject, body);
            }
            return only(
                    method,
                    "GET",
                    () -> Answer.ok(array(guard(subject, null, () -> store.getVersions(subject)))));
        }
        String version = path.get(3);
        if (path.size() == 4) {
            return only(method, "GET", () -> Answer.ok(versionJson(version(subject, version))));
        }
        if (path.size() == 5 && path.get(4).equals("schema")) {
            return only(
                    method,
                    "GET",
                    () -> new Answer(200, version(subject, version).schema().toString()));
        }
        throw ApiException.notFound();
    }

    private Answer schemas(String method, List<String> path) {
        if (path.size() == 2 && path.get(1).equals("types")) {
            return only(method, "GET", () -> Answer.ok(array(List.of("AVRO"))));
        }
        if (path.size() < 3
                || path.size() > 4
                || !path.get(1).equals("ids")
                || (path.size() == 4 && !path.get(3).equals("schema"))) {
            throw ApiException.notFound();
        }
        int id = parseId(path.get(2));
        return only(
                method,
                "GET",
                () -> {
                    Schema schema;
                    try {
                        schema = store.getById(id);
                    } catch (SchemaNotFoundException e) {
                        throw new ApiException(404, 40403, "Schema " + id + " not found");
                    }
                    return path.size() == 4
                            ? new Answer(200, schema.toString())
                            : Answer.ok(JSON.createObjectNode().put("schema", schema.toString()));
                });
    }

    private Answer config(
            String method, List<String> path, Map<String, String> query, byte[] body) {
        if (path.size() > 2) {
            throw ApiException.notFound();
        }
        String subject = path.size() == 2 ? path.get(1) : null;
        if (method.equals("PUT")) {
            CompatibilityLevel level = parseLevel(readJson(body).get("compatibility"));
            guard(
                    subject,
                    null,
                    () -> {
                        store.setCompatibility(subject, level);
                        return level;
                    });
            return Answer.ok(JSON.createObjectNode().put("compatibility", level.name()));
        }
        return only(
                method,
                "GET",
                () -> {
                    CompatibilityLevel level;
                    if (subject == null) {
                        level = store.globalCompatibility();
                    } else if (Boolean.parseBoolean(query.get("defaultToGlobal"))) {
                        level = store.compatibility(subject);
                    } else {
                        level =
                                store.subjectCompatibility(subject)
                                        .orElseThrow(
                                                () ->
                                                        new ApiException(
                                                                404,
                                                                40408,
                                                                "Subject '"
                                                                        + subject
                                                                        + "' does not have subject-level compatibility configured"));
                    }
                    return Answer.ok(
                            JSON.createObjectNode().put("compatibilityLevel", level.name()));
                });
    }

    /** POST /compatibility/subjects/{s}/versions[/{v|latest}]: would this schema be accepted? */
    private Answer compatibility(
            String method, List<String> path, Map<String, String> query, byte[] body) {
        if (path.size() < 4
                || path.size() > 5
                || !path.get(1).equals("subjects")
                || !path.get(3).equals("versions")) {
            throw ApiException.notFound();
        }
        String subject = path.get(2);
        return only(
                method,
                "POST",
                () -> {
                    Schema schema = schemaOf(body);
                    List<String> problems;
                    if (path.size() == 4
                            || path.get(4).equals("latest")
                            || path.get(4).equals("-1")) {
                        problems =
                                guard(
                                        subject,
                                        "latest",
                                        () -> store.compatibilityProblems(subject, schema, null));
                    } else {
                        int version = version(subject, path.get(4)).version();
                        problems =
                                guard(
                                        subject,
                                        path.get(4),
                                        () ->
                                                store.compatibilityProblems(
                                                        subject, schema, version));
                    }
                    ObjectNode answer =
                            JSON.createObjectNode().put("is_compatible", problems.isEmpty());
                    if (Boolean.parseBoolean(query.get("verbose"))) {
                        answer.set("messages", array(problems));
                    }
                    return Answer.ok(answer);
                });
    }

    private Answer register(String subject, byte[] body) {
        Schema schema = schemaOf(body);
        int id = guard(subject, null, () -> store.register(subject, schema));
        return Answer.ok(JSON.createObjectNode().put("id", id));
    }

    private Answer lookup(String subject, byte[] body) {
        Schema schema = schemaOf(body);
        return Answer.ok(versionJson(guard(subject, null, () -> store.lookup(subject, schema))));
    }

    private SchemaVersion version(String subject, String version) {
        if (version.equals("latest") || version.equals("-1")) {
            return guard(subject, version, () -> store.getLatest(subject));
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw new ApiException(
                    422,
                    42202,
                    "The specified version '"
                            + version
                            + "' is not a valid version id. "
                            + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        int n = number;
        return guard(subject, version, () -> store.getVersion(subject, n));
    }

    /** Translates the store's exceptions into Confluent's answers. */
    private <T> T guard(String subject, String version, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SubjectNotFoundException e) {
            throw new ApiException(404, 40401, "Subject '" + subject + "' not found.");
        } catch (VersionNotFoundException e) {
            throw new ApiException(404, 40402, "Version " + version + " not found.");
        } catch (SchemaNotFoundException e) {
            throw new ApiException(404, 40403, "Schema not found");
        } catch (IncompatibleSchemaException e) {
            throw new ApiException(409, 409, e.getMessage());
        } catch (RegistryStoreException e) {
            throw new ApiException(
                    500, 50001, "Error in the backend data store: " + e.getMessage());
        }
    }

    private Schema schemaOf(byte[] body) {
        JsonNode request = readJson(body);
        JsonNode type = request.get("schemaType");
        if (type != null && !type.isNull() && !type.asText().equals("AVRO")) {
            throw new ApiException(
                    422,
                    42201,
                    "Invalid schema type "
                            + type.asText()
                            + ": this embedded registry stores AVRO schemas only");
        }
        JsonNode references = request.get("references");
        if (references != null && references.isArray() && references.size() > 0) {
            throw new ApiException(
                    422,
                    42201,
                    "Invalid schema: schema references are not supported by this embedded registry");
        }
        JsonNode text = request.get("schema");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new ApiException(
                    422,
                    42201,
                    "Invalid schema: the request needs a \"schema\" field holding the schema "
                            + "as a JSON string");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            throw new ApiException(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private static JsonNode readJson(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Confluent's REST layer answers unparsable JSON with 400 (error_code 400).
            throw new ApiException(
                    400, 400, "Unparsable JSON in the request body: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(400, 400, "Unreadable request body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(422, 422, "The request body must be a JSON object");
        }
        return node;
    }

    private static CompatibilityLevel parseLevel(JsonNode value) {
        try {
            return CompatibilityLevel.parse(
                    value == null || value.isNull() ? null : value.asText());
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    422,
                    42203,
                    "Invalid compatibility level. Valid values are none, backward, forward, full, "
                            + "backward_transitive, forward_transitive, and full_transitive");
        }
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }

    private static ObjectNode versionJson(SchemaVersion v) {
        return JSON.createObjectNode()
                .put("subject", v.subject())
                .put("version", v.version())
                .put("id", v.id())
                .put("schema", v.schema().toString());
    }

    private static ArrayNode array(List<?> values) {
        ArrayNode array = JSON.createArrayNode();
        for (Object v : values) {
            if (v instanceof Integer i) {
                array.add(i);
            } else {
                array.add(v.toString());
            }
        }
        return array;
    }

    private static Answer only(
            String method, String allowed, java.util.function.Supplier<Answer> action) {
        if (!method.equals(allowed)) {
            throw ApiException.methodNotAllowed();
        }
        return action.get();
    }
}
