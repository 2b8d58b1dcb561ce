package glocal.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeRoundTripTest {
    private static final String SCOPE = AvroSerdeRoundTripTest.class.getSimpleName();
    private SchemaRegistryClient registry;

    @BeforeEach
    void openRegistry() {
        registry = SchemaRegistryClients.create("mock://" + SCOPE);
    }

    @AfterEach
    void dropScope() {
        registry.close();
        MockSchemaRegistry.dropScope(SCOPE);
    }

    static Stream<SpecificRecord> everyType() {
        return RecordSamples.everyType().stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyType")
    void everyGeneratedTypeRoundTripsThroughMockRegistry(SpecificRecord record) {
        Serde<SpecificRecord> serde = serdeOf(record);
        String topic = "topic-" + record.getSchema().getName();

        byte[] payload = serde.serializer().serialize(topic, record);
        SpecificRecord back = serde.deserializer().deserialize(topic, payload);

        assertThat(back).isEqualTo(record);
        assertThat(registry.getLatest(topic + "-value").schema())
                .isEqualTo(AvscSchemas.of(record.getClass()));
    }

    @Test
    void nullBytesAndNullRecordsStayNull() {
        Serde<ViewEvent> serde = AvroSerdes.specific(ViewEvent.class, registry, false);

        assertThat(serde.serializer().serialize("views", null)).isNull();
        assertThat(serde.deserializer().deserialize("views", null)).isNull();
    }

    @Test
    void keySerdeRegistersUnderKeySubjectAndValueSerdeUnderValueSubject() {
        AvroSerdes.specific(ViewEvent.class, registry, true)
                .serializer()
                .serialize("views", RecordSamples.viewEvent());
        AvroSerdes.specific(ViewEvent.class, registry, false)
                .serializer()
                .serialize("views", RecordSamples.viewEvent());

        assertThat(registry.getVersions("views-key")).containsExactly(1);
        assertThat(registry.getVersions("views-value")).containsExactly(1);
        assertThat(registry.getLatest("views-key").id())
                .isEqualTo(registry.getLatest("views-value").id());
    }

    @Test
    void serializersOfOneScopeShareIdsAcrossClients() {
        byte[] payload =
                AvroSerdes.specific(ViewEvent.class, registry, false)
                        .serializer()
                        .serialize("views", RecordSamples.viewEvent());
        try (SchemaRegistryClient other = SchemaRegistryClients.create("mock://" + SCOPE)) {
            assertThat(
                            AvroSerdes.specific(ViewEvent.class, other, false)
                                    .deserializer()
                                    .deserialize("views", payload))
                    .isEqualTo(RecordSamples.viewEvent());
        }
    }

    @Test
    void manyRecordsReuseOneRegistration() {
        Serde<ViewEvent> serde = AvroSerdes.specific(ViewEvent.class, registry, false);
        for (int i = 0; i < 1_000; i++) {
            ViewEvent event =
                    ViewEvent.newBuilder(RecordSamples.viewEvent()).setEventId("e-" + i).build();
            assertThat(
                            serde.deserializer()
                                    .deserialize(
                                            "views", serde.serializer().serialize("views", event)))
                    .isEqualTo(event);
        }
        assertThat(registry.getVersions("views-value")).containsExactly(1);
    }

    @Test
    void withoutAutoRegistrationAMissingSchemaFailsAndAPreRegisteredOneIsUsed() {
        Serde<ViewEvent> lookupOnly = AvroSerdes.specific(ViewEvent.class, registry, false, false);

        assertThatThrownBy(
                        () -> lookupOnly.serializer().serialize("views", RecordSamples.viewEvent()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("views-value")
                .hasMessageContaining("auto-registration is off");

        int id =
                registry.register(
                        "views-value",
                        AvscSchemas.of(ViewEvent.class)); // as deployed from ViewEvent.avsc
        byte[] payload = lookupOnly.serializer().serialize("views", RecordSamples.viewEvent());
        assertThat(payload[4]).isEqualTo((byte) id);
        assertThat(registry.getVersions("views-value")).containsExactly(1);
    }

    @SuppressWarnings("unchecked")
    private Serde<SpecificRecord> serdeOf(SpecificRecord record) {
        return (Serde<SpecificRecord>) AvroSerdes.specific(record.getClass(), registry, false);
    }
}
