package glocal.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glocal.schemas.avro.ViewEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded server's answers, status codes and error bodies, checked over raw HTTP. */
class RegistryHttpServerProtocolTest {
    private static final String SCOPE = RegistryHttpServerProtocolTest.class.getSimpleName();
    private static final String V1 =
            "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"p\",\"fields\":"
                    + "[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String V2_NO_DEFAULT =
            "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"p\",\"fields\":"
                    + "[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"}]}";
    private EmbeddedRegistry registry;
    private RawHttp http;

    @BeforeEach
    void start() {
        registry =
                EmbeddedRegistry.start(
                        SCOPE, RegistryServerConfig.defaults().withMaxRequestBytes(64 * 1024));
        http = new RawHttp(registry.httpUrl());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void registerAnswersIdWithConfluentContentType() throws Exception {
        RawHttp.Reply reply =
                http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo(RawHttp.CONTENT_TYPE);
        assertThat(reply.json().get("id").asInt()).isEqualTo(1);
    }

    @Test
    void registeringTheSameSchemaWithOtherWhitespaceGivesTheSameId() throws Exception {
        http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V1));
        RawHttp.Reply again =
                http.post(
                        "/subjects/things-value/versions",
                        RawHttp.schemaRequest(V1.replace(",", " ,\n  ")));

        assertThat(again.json().get("id").asInt()).isEqualTo(1);
        assertThat(http.get("/subjects/things-value/versions").body()).isEqualTo("[1]");
    }

    @Test
    void schemaByIdAndRawSchemaAndSubjectsAndLatest() throws Exception {
        http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V1));

        assertThat(http.get("/schemas/ids/1").json().get("schema").asText()).isEqualTo(V1);
        assertThat(http.get("/schemas/ids/1/schema").body()).isEqualTo(V1);
        assertThat(http.get("/subjects").body()).isEqualTo("[\"things-value\"]");
        JsonNode latest = http.get("/subjects/things-value/versions/latest").json();
        assertThat(latest.get("subject").asText()).isEqualTo("things-value");
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(1);
        assertThat(latest.get("schema").asText()).isEqualTo(V1);
        assertThat(http.get("/subjects/things-value/versions/1").body())
                .isEqualTo(latest.toString());
    }

    @Test
    void lookupFindsARegisteredSchemaAndReports40401And40403Otherwise() throws Exception {
        http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V1));

        JsonNode found = http.post("/subjects/things-value", RawHttp.schemaRequest(V1)).json();
        assertThat(found.get("id").asInt()).isEqualTo(1);
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("subject").asText()).isEqualTo("things-value");
        assertError(
                http.post("/subjects/things-value", RawHttp.schemaRequest(V2_NO_DEFAULT)),
                404,
                40403);
        assertError(http.post("/subjects/ghost-value", RawHttp.schemaRequest(V1)), 404, 40401);
    }

    @Test
    void missingSubjectVersionAndIdHaveConfluentCodes() throws Exception {
        http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V1));

        assertError(http.get("/subjects/ghost-value/versions"), 404, 40401);
        assertError(http.get("/subjects/things-value/versions/7"), 404, 40402);
        assertError(http.get("/subjects/things-value/versions/zero"), 422, 42202);
        assertError(http.get("/schemas/ids/99"), 404, 40403);
    }

    @Test
    void incompatibleChangeIs409UntilCompatibilityIsSetToNone() throws Exception {
        http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V1));

        RawHttp.Reply rejected =
                http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V2_NO_DEFAULT));
        assertError(rejected, 409, 409);
        assertThat(rejected.json().get("message").asText())
                .contains("incompatible")
                .contains("things-value");

        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertError(http.get("/config/things-value"), 404, 40408);
        assertThat(http.get("/config/things-value?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        RawHttp.Reply put = http.put("/config/things-value", "{\"compatibility\": \"NONE\"}");
        assertThat(put.body()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(http.get("/config/things-value").body())
                .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");

        assertThat(
                        http.post(
                                        "/subjects/things-value/versions",
                                        RawHttp.schemaRequest(V2_NO_DEFAULT))
                                .json()
                                .get("id")
                                .asInt())
                .isEqualTo(2);
    }

    @Test
    void compatibilityCheckAnswersWithoutRegistering() throws Exception {
        http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V1));

        assertThat(
                        http.post(
                                        "/compatibility/subjects/things-value/versions/latest",
                                        RawHttp.schemaRequest(V2_NO_DEFAULT))
                                .body())
                .isEqualTo("{\"is_compatible\":false}");
        JsonNode verbose =
                http.post(
                                "/compatibility/subjects/things-value/versions/1?verbose=true",
                                RawHttp.schemaRequest(V2_NO_DEFAULT))
                        .json();
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").get(0).asText()).contains("n");
        assertThat(
                        http.post(
                                        "/compatibility/subjects/things-value/versions",
                                        RawHttp.schemaRequest(V1))
                                .body())
                .isEqualTo("{\"is_compatible\":true}");
        assertThat(
                        http.post(
                                        "/compatibility/subjects/new-value/versions/latest",
                                        RawHttp.schemaRequest(V1))
                                .body())
                .as("an unknown subject accepts anything")
                .isEqualTo("{\"is_compatible\":true}");
        assertError(
                http.post(
                        "/compatibility/subjects/things-value/versions/4",
                        RawHttp.schemaRequest(V1)),
                404,
                40402);
        assertThat(http.get("/subjects/things-value/versions").body()).isEqualTo("[1]");
    }

    @Test
    void unknownCompatibilityLevelIs42203() throws Exception {
        assertError(http.put("/config", "{\"compatibility\": \"SOMETIMES\"}"), 422, 42203);
        assertThat(http.get("/config").json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void malformedJsonIs400AsConfluentsRestLayerAnswers() throws Exception {
        assertError(http.post("/subjects/things-value/versions", "{\"schema\": "), 400, 400);
    }

    @Test
    void invalidAvroSchemaIs42201() throws Exception {
        RawHttp.Reply reply =
                http.post(
                        "/subjects/things-value/versions",
                        RawHttp.schemaRequest(
                                "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"x\",\"type\":\"nosuchtype\"}]}"));

        assertError(reply, 422, 42201);
        assertThat(reply.json().get("message").asText()).contains("nosuchtype");
    }

    @Test
    void missingSchemaFieldAndForeignSchemaTypeAre42201() throws Exception {
        assertError(
                http.post("/subjects/things-value/versions", "{\"schemma\": \"x\"}"), 422, 42201);
        assertError(
                http.post(
                        "/subjects/things-value/versions",
                        "{\"schema\": \"syntax = \\\"proto3\\\";\", \"schemaType\": \"PROTOBUF\"}"),
                422,
                42201);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertError(http.get("/nothing/here"), 404, 404);
        assertError(http.get("/schemas/ids/notanumber"), 404, 404);
        assertError(http.delete("/subjects/things-value/versions"), 405, 405);
    }

    @Test
    void hugeBodyIs413AndTheServerKeepsServing() throws Exception {
        byte[] huge = new byte[2 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        byte[] prefix = "{\"schema\": \"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, huge, 0, prefix.length);

        RawHttp.Reply reply = http.post("/subjects/things-value/versions", huge);

        assertError(reply, 413, 413);
        assertThat(reply.json().get("message").asText()).contains("65536");
        assertThat(http.post("/subjects/things-value/versions", RawHttp.schemaRequest(V1)).status())
                .isEqualTo(200);
    }

    @Test
    void realGeneratedSchemaRoundTripsAsText() throws Exception {
        String schema = ViewEvent.getClassSchema().toString();
        int id =
                http.post("/subjects/views-value/versions", RawHttp.schemaRequest(schema))
                        .json()
                        .get("id")
                        .asInt();

        assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText()).isEqualTo(schema);
    }

    private static void assertError(RawHttp.Reply reply, int status, int errorCode)
            throws IOException {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo(RawHttp.CONTENT_TYPE);
        JsonNode body = reply.json();
        assertThat(body.get("error_code").asInt()).as(reply.body()).isEqualTo(errorCode);
        assertThat(body.get("message").asText())
                .isNotBlank()
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }
}
