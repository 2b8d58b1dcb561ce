package glocal.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroDeserializerErrorsTest {
    private static final String SCOPE = AvroDeserializerErrorsTest.class.getSimpleName();
    private SchemaRegistryClient registry;
    private AvroDeserializer<ViewEvent> deserializer;
    private byte[] good;

    @BeforeEach
    void setUp() {
        registry = SchemaRegistryClients.create("mock://" + SCOPE);
        deserializer = AvroDeserializer.specific(ViewEvent.class, registry);
        good =
                AvroSerializer.specific(ViewEvent.class, registry, false)
                        .serialize("views", RecordSamples.viewEvent());
    }

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void unknownSchemaIdNamesTheIdAndTheRegistry() {
        byte[] payload = good.clone();
        payload[4] = 99;

        assertThatThrownBy(() -> deserializer.deserialize("views", payload))
                .isInstanceOf(UnknownSchemaIdException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 99")
                .hasMessageContaining("mock://" + SCOPE)
                .hasMessageContaining("topic views");
    }

    @Test
    void badMagicByteIsReportedWithItsValueAndTopic() {
        byte[] payload = good.clone();
        payload[0] = 0x7b; // '{': what a JSON producer would have written

        assertThatThrownBy(() -> deserializer.deserialize("views", payload))
                .isInstanceOf(UnknownMagicByteException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessage(
                        "unknown magic byte 0x7b at offset 0 of a record on topic views: was it written without the "
                                + "Confluent Avro serializer?");
    }

    @Test
    void payloadShorterThanHeaderIsTruncated() {
        assertThatThrownBy(() -> deserializer.deserialize("views", new byte[] {0, 0, 1}))
                .isInstanceOf(TruncatedPayloadException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes")
                .hasMessageContaining("topic views");
    }

    @Test
    void truncatedBodyIsASerializationExceptionNamingTheSchemaId() {
        byte[] payload = Arrays.copyOf(good, good.length - 8);

        assertThatThrownBy(() -> deserializer.deserialize("views", payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("writer schema id 1")
                .hasMessageContaining("topic views");
    }

    @Test
    void aFailedRecordDoesNotPoisonTheNext() {
        byte[] bad = good.clone();
        bad[4] = 42;
        assertThatThrownBy(() -> deserializer.deserialize("views", bad))
                .isInstanceOf(UnknownSchemaIdException.class);

        assertThat(deserializer.deserialize("views", good)).isEqualTo(RecordSamples.viewEvent());
    }
}
