package glocal.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.UserEmbedding;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.schemas.serde.AvroSerializer;
import glocal.schemas.serde.RecordSamples;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * A consumer that knows only Confluent's documented REST API and wire format (what Python's
 * confluent-kafka or Node's schema-registry client do) decodes what Glocal wrote: the header is
 * taken apart by hand, the schema fetched with plain HTTP, and the body read with a plain Avro
 * reader (fastavro / avsc in those languages). Glocal's code only produces the record.
 */
class OutsideClientWithoutGlocalCodeTest {
    private static final String SCOPE = OutsideClientWithoutGlocalCodeTest.class.getSimpleName();

    /** The module's schema files (tests run in the module's directory). */
    private static final Path AVSC_DIR = Path.of("src/main/avro");

    @Test
    @SuppressWarnings("unchecked")
    void outsideConsumerDecodesGlocalRecordWithRawHttpAndHandDecodedHeader() throws Exception {
        UserEmbedding embedding =
                UserEmbedding.newBuilder()
                        .setUserId("u-42")
                        .setTerritoryGroup("g3")
                        .setVector(List.of(0.5f, -0.25f, 1.0f))
                        .setModelVersion(1234L)
                        .setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                        .setActivityGroup("low")
                        .build();
        try (EmbeddedRegistry registry =
                        EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults());
                SchemaRegistryClient inProcess = SchemaRegistryClients.create(registry.mockUrl())) {
            byte[] onTheTopic =
                    AvroSerializer.specific(UserEmbedding.class, inProcess, false)
                            .serialize("user-embeddings", embedding);

            // From here on: what an outside program does.
            RawHttp http = new RawHttp(registry.httpUrl());
            assertThat(onTheTopic[0]).as("magic byte").isEqualTo((byte) 0);
            int schemaId = ByteBuffer.wrap(onTheTopic, 1, 4).getInt();
            RawHttp.Reply reply = http.get("/schemas/ids/" + schemaId);
            assertThat(reply.status()).isEqualTo(200);
            Schema writer = new Schema.Parser().parse(reply.json().get("schema").asText());
            byte[] body = Arrays.copyOfRange(onTheTopic, 5, onTheTopic.length);
            GenericRecord decoded =
                    new GenericDatumReader<GenericRecord>(writer)
                            .read(null, DecoderFactory.get().binaryDecoder(body, null));

            assertThat(decoded.get("userId").toString()).isEqualTo("u-42");
            assertThat(decoded.get("territoryGroup").toString()).isEqualTo("g3");
            assertThat((List<Object>) decoded.get("vector")).containsExactly(0.5f, -0.25f, 1.0f);
            assertThat(decoded.get("modelVersion")).isEqualTo(1234L);
            assertThat(decoded.get("updatedAt")).isEqualTo(1_700_000_000_000L);
            assertThat(decoded.get("activityGroup").toString()).isEqualTo("low");
        }
    }

    @Test
    void outsideProducerRegistersWithRawHttpAndGlocalReadsItsRecords() throws Exception {
        try (EmbeddedRegistry registry =
                EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults())) {
            RawHttp http = new RawHttp(registry.httpUrl());
            // A Python producer's first call: register its copy of the repository's ViewEvent.avsc
            // under <topic>-value.
            String schema = avscText("ViewEvent");
            int id =
                    http.post("/subjects/views-value/versions", RawHttp.schemaRequest(schema))
                            .json()
                            .get("id")
                            .asInt();
            assertThat(
                            new Schema.Parser()
                                    .parse(
                                            http.get("/schemas/ids/" + id)
                                                    .json()
                                                    .get("schema")
                                                    .asText()))
                    .isEqualTo(new Schema.Parser().parse(schema));

            try (SchemaRegistryClient inProcess =
                    SchemaRegistryClients.create(registry.mockUrl())) {
                assertThat(inProcess.getLatest("views-value").id()).isEqualTo(id);
                assertThat(
                                AvroSerializer.specific(
                                                glocal.schemas.avro.ViewEvent.class,
                                                inProcess,
                                                false)
                                        .serialize("views", sampleView())[4])
                        .as("Glocal reuses the id the outside producer registered")
                        .isEqualTo((byte) id);
            }
        }
    }

    @Test
    void outsideProducerRegisteringTheAvscFilesAfterGlocalGetsGlocalsIdsAndNoNewVersion()
            throws Exception {
        try (EmbeddedRegistry registry =
                        EmbeddedRegistry.start(SCOPE + "-avsc", RegistryServerConfig.defaults());
                SchemaRegistryClient glocal = SchemaRegistryClients.create(registry.httpUrl())) {
            Map<String, Integer> glocalIds = new TreeMap<>();
            for (SpecificRecord record : RecordSamples.everyType()) {
                String name = record.getSchema().getName();
                byte[] payload = serializer(record, glocal).serialize(topicOf(name), record);
                glocalIds.put(name, ByteBuffer.wrap(payload, 1, 4).getInt());
            }
            assertThat(glocalIds.keySet())
                    .as("every schema file of the repository is one Glocal writes")
                    .isEqualTo(avscNames());

            RawHttp http = new RawHttp(registry.httpUrl());
            for (Map.Entry<String, Integer> e : glocalIds.entrySet()) {
                String subject = topicOf(e.getKey()) + "-value";
                String file = RawHttp.schemaRequest(avscText(e.getKey()));
                RawHttp.Reply registered = http.post("/subjects/" + subject + "/versions", file);
                assertThat(registered.status()).as(subject).isEqualTo(200);
                assertThat(registered.json().get("id").asInt())
                        .as("id of " + subject)
                        .isEqualTo(e.getValue());
                RawHttp.Reply found = http.post("/subjects/" + subject, file);
                assertThat(found.json().get("version").asInt())
                        .as("version of " + subject)
                        .isEqualTo(1);
                assertThat(http.get("/subjects/" + subject + "/versions").json())
                        .as("versions of " + subject)
                        .containsExactly(RawHttp.JSON.getNodeFactory().numberNode(1));
            }
        }
    }

    /**
     * The text of a schema file exactly as the repository holds it (what an outside producer
     * registers).
     */
    private static String avscText(String name) throws IOException {
        return Files.readString(AVSC_DIR.resolve(name + ".avsc"));
    }

    private static Set<String> avscNames() throws IOException {
        try (Stream<Path> files = Files.list(AVSC_DIR)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".avsc"))
                    .map(n -> n.substring(0, n.length() - ".avsc".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String topicOf(String schemaName) {
        return "topic-" + schemaName;
    }

    @SuppressWarnings("unchecked")
    private static AvroSerializer<SpecificRecord> serializer(
            SpecificRecord record, SchemaRegistryClient registry) {
        return (AvroSerializer<SpecificRecord>)
                AvroSerializer.specific(record.getClass(), registry, false);
    }

    private static glocal.schemas.avro.ViewEvent sampleView() {
        return glocal.schemas.avro.ViewEvent.newBuilder()
                .setEventId("e")
                .setUserId("u")
                .setTitleId("t")
                .setTerritory("FR")
                .setEventTime(Instant.EPOCH)
                .setEventType(glocal.schemas.avro.EventType.PLAY)
                .setWatchRatio(1f)
                .setFinished(true)
                .setSkipped(false)
                .setDevice(null)
                .build();
    }
}
