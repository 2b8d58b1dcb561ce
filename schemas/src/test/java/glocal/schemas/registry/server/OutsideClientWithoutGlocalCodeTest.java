package glocal.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.UserEmbedding;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.schemas.serde.AvroSerializer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * A consumer that knows only Confluent's documented REST API and wire format (what Python's
 * confluent-kafka or Node's schema-registry client do) decodes what Glocal wrote: the header is
 * taken apart by hand, the schema fetched with plain HTTP, and the body read with a plain Avro
 * reader (fastavro / avsc in those languages). Glocal's code only produces the record.
 */
class OutsideClientWithoutGlocalCodeTest {
  private static final String SCOPE = OutsideClientWithoutGlocalCodeTest.class.getSimpleName();

  @Test
  @SuppressWarnings("unchecked")
  void outsideConsumerDecodesGlocalRecordWithRawHttpAndHandDecodedHeader() throws Exception {
    UserEmbedding embedding = UserEmbedding.newBuilder().setUserId("u-42").setTerritoryGroup("g3")
        .setVector(List.of(0.5f, -0.25f, 1.0f)).setModelVersion(1234L).setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setActivityGroup("low").build();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults());
        SchemaRegistryClient inProcess = SchemaRegistryClients.create(registry.mockUrl())) {
      byte[] onTheTopic = AvroSerializer.specific(UserEmbedding.class, inProcess, false)
          .serialize("user-embeddings", embedding);

      // From here on: what an outside program does.
      RawHttp http = new RawHttp(registry.httpUrl());
      assertThat(onTheTopic[0]).as("magic byte").isEqualTo((byte) 0);
      int schemaId = ByteBuffer.wrap(onTheTopic, 1, 4).getInt();
      RawHttp.Reply reply = http.get("/schemas/ids/" + schemaId);
      assertThat(reply.status()).isEqualTo(200);
      Schema writer = new Schema.Parser().parse(reply.json().get("schema").asText());
      byte[] body = Arrays.copyOfRange(onTheTopic, 5, onTheTopic.length);
      GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer)
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
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults())) {
      RawHttp http = new RawHttp(registry.httpUrl());
      // A Python producer's first call: register the value schema under <topic>-value.
      String schema = glocal.schemas.avro.ViewEvent.getClassSchema().toString();
      int id = http.post("/subjects/views-value/versions", RawHttp.schemaRequest(schema)).json().get("id").asInt();
      assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText()).isEqualTo(schema);

      try (SchemaRegistryClient inProcess = SchemaRegistryClients.create(registry.mockUrl())) {
        assertThat(inProcess.getLatest("views-value").id()).isEqualTo(id);
        assertThat(AvroSerializer.specific(glocal.schemas.avro.ViewEvent.class, inProcess, false)
            .serialize("views", sampleView())[4]).as("Glocal reuses the id the outside producer registered")
            .isEqualTo((byte) id);
      }
    }
  }

  private static glocal.schemas.avro.ViewEvent sampleView() {
    return glocal.schemas.avro.ViewEvent.newBuilder().setEventId("e").setUserId("u").setTitleId("t").setTerritory("FR")
        .setEventTime(Instant.EPOCH).setEventType(glocal.schemas.avro.EventType.PLAY).setWatchRatio(1f)
        .setFinished(true).setSkipped(false).setDevice(null).build();
  }
}
