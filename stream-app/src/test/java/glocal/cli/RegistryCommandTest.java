package glocal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.registry.server.EmbeddedRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegistryCommandTest {
    private static final String SCHEMA =
            "{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";

    @TempDir Path dataDir;

    @Test
    void printsItsUrlAndServesTheRegistryWithItsDataDirectory() throws Exception {
        RegistryCommand command = new RegistryCommand();
        new CommandLine(command)
                .parseArgs(
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString(),
                        "--scope",
                        "RegistryCommandTest");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (EmbeddedRegistry registry =
                command.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("schema registry: " + registry.httpUrl())
                    .contains(dataDir.toAbsolutePath().toString());
            HttpResponse<String> reply =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            registry.httpUrl()
                                                                    + "/subjects/ping-value/versions"))
                                            .header(
                                                    "Content-Type",
                                                    "application/vnd.schemaregistry.v1+json")
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "{\"schema\":" + quote(SCHEMA) + "}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"id\":1}");
        }
        assertThat(dataDir.resolve("schema-registry.jsonl")).content().contains("ping-value");
    }

    @Test
    void defaultsToConfluentsPortOnLoopback() {
        RegistryCommand command = new RegistryCommand();
        new CommandLine(command).parseArgs();

        assertThat(command.port).isEqualTo(8081);
        assertThat(command.host).isEqualTo("127.0.0.1");
        assertThat(command.inMemory).isFalse();
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
