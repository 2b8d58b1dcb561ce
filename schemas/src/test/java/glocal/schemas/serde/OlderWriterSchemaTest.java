package glocal.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A producer still on a v1 schema (ViewEvent, TrainingBatch) and a consumer on the current class
 * share a topic.
 */
class OlderWriterSchemaTest {
    private static final String SCOPE = OlderWriterSchemaTest.class.getSimpleName();

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void v1RecordRegisteredAndSerializedReadsBackAsCurrentClassWithDefaults() throws IOException {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/schemas-v1/ViewEvent.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "e-1");
        old.put("userId", "u-7");
        old.put("titleId", "t-42");
        old.put("territory", "BR");
        old.put("eventTime", 1_700_000_000_000L);
        old.put("eventType", new GenericData.EnumSymbol(v1.getField("eventType").schema(), "PLAY"));
        old.put("watchRatio", 0.75f);
        old.put("finished", false);
        old.put("skipped", true);

        try (SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + SCOPE)) {
            byte[] v1Payload = AvroSerializer.generic(v1, registry, false).serialize("views", old);
            byte[] v2Payload =
                    AvroSerializer.specific(ViewEvent.class, registry, false)
                            .serialize("views", RecordSamples.viewEvent());

            assertThat(registry.getVersions("views-value"))
                    .as("v2 is BACKWARD compatible with v1")
                    .containsExactly(1, 2);
            assertThat(v1Payload[4]).isEqualTo((byte) 1);
            assertThat(v2Payload[4]).isEqualTo((byte) 2);

            AvroDeserializer<ViewEvent> current =
                    AvroDeserializer.specific(ViewEvent.class, registry);
            ViewEvent read = current.deserialize("views", v1Payload);
            assertThat(read.getEventId()).isEqualTo("e-1");
            assertThat(read.getEventTime()).isEqualTo(RecordSamples.AT);
            assertThat(read.getEventType()).isEqualTo(EventType.PLAY);
            assertThat(read.getWatchRatio()).isEqualTo(0.75f);
            assertThat(read.getSkipped()).isTrue();
            assertThat(read.getDevice()).as("field added in v2 takes its default").isNull();
            assertThat(current.deserialize("views", v2Payload))
                    .isEqualTo(RecordSamples.viewEvent());
        }
    }

    @Test
    void v1TrainingBatchWithoutApplicationIdReadsBackWithNone() throws IOException {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/schemas-v1/TrainingBatch.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        TrainingBatch current =
                (TrainingBatch)
                        RecordSamples.everyType().stream()
                                .filter(r -> r instanceof TrainingBatch)
                                .findFirst()
                                .orElseThrow();
        GenericRecord old = new GenericData.Record(v1);
        for (Schema.Field f : v1.getFields()) {
            Object value = current.get(f.name());
            old.put(f.name(), value instanceof java.time.Instant t ? t.toEpochMilli() : value);
        }

        try (SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + SCOPE)) {
            byte[] v1Payload =
                    AvroSerializer.generic(v1, registry, false).serialize("training-batches", old);
            byte[] v2Payload =
                    AvroSerializer.specific(TrainingBatch.class, registry, false)
                            .serialize("training-batches", current);

            assertThat(registry.getVersions("training-batches-value"))
                    .as("v2 is BACKWARD compatible with v1")
                    .containsExactly(1, 2);
            AvroDeserializer<TrainingBatch> reader =
                    AvroDeserializer.specific(TrainingBatch.class, registry);
            TrainingBatch read = reader.deserialize("training-batches", v1Payload);
            assertThat(read.getApplicationId()).as("field added in v2 takes its default").isNull();
            assertThat(read.getBatchId()).isEqualTo(current.getBatchId());
            assertThat(read.getUserIds()).isEqualTo(current.getUserIds());
            assertThat(read.getWeights()).isEqualTo(current.getWeights());
            assertThat(reader.deserialize("training-batches", v2Payload).getApplicationId())
                    .isEqualTo("glocal-streams");
        }
    }
}
