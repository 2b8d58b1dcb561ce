package glocal.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.UserEmbedding;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.schemas.serde.AvroDeserializer;
import glocal.schemas.serde.AvroSerializer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Glocal's serdes write the same bytes whichever way they reach the embedded registry. */
class HttpAndMockSerdeBytesTest {
    private static final String SCOPE = HttpAndMockSerdeBytesTest.class.getSimpleName();
    private static final ViewEvent EVENT =
            ViewEvent.newBuilder()
                    .setEventId("e-9")
                    .setUserId("u-1")
                    .setTitleId("t-5")
                    .setTerritory("JP")
                    .setEventTime(Instant.ofEpochMilli(1_700_000_123_456L))
                    .setEventType(EventType.IMPRESSION)
                    .setWatchRatio(null)
                    .setFinished(false)
                    .setSkipped(false)
                    .setDevice("tv")
                    .build();

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE + "-plain");
    }

    @Test
    void recordSerializedThroughHttpRegistryEqualsTheMockOneByteForByte() {
        try (EmbeddedRegistry registry =
                        EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults());
                SchemaRegistryClient mock = SchemaRegistryClients.create(registry.mockUrl());
                SchemaRegistryClient http = SchemaRegistryClients.create(registry.httpUrl())) {
            byte[] viaHttp =
                    AvroSerializer.specific(ViewEvent.class, http, false).serialize("views", EVENT);
            byte[] viaMock =
                    AvroSerializer.specific(ViewEvent.class, mock, false).serialize("views", EVENT);

            assertThat(viaHttp).isEqualTo(viaMock);
            assertThat(
                            AvroDeserializer.specific(ViewEvent.class, mock)
                                    .deserialize("views", viaHttp))
                    .isEqualTo(EVENT);
            assertThat(
                            AvroDeserializer.specific(ViewEvent.class, http)
                                    .deserialize("views", viaMock))
                    .isEqualTo(EVENT);
        }
    }

    @Test
    void separateRegistriesGivingTheSameIdGiveTheSameBytes() {
        UserEmbedding embedding =
                UserEmbedding.newBuilder()
                        .setUserId("u-1")
                        .setTerritoryGroup("g0")
                        .setVector(List.of(0.25f, -0.5f))
                        .setModelVersion(3L)
                        .setUpdatedAt(Instant.ofEpochMilli(5L))
                        .setActivityGroup(null)
                        .build();
        try (EmbeddedRegistry registry =
                        EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults());
                SchemaRegistryClient http = SchemaRegistryClients.create(registry.httpUrl());
                SchemaRegistryClient plainMock =
                        SchemaRegistryClients.create("mock://" + SCOPE + "-plain")) {
            byte[] viaHttp =
                    AvroSerializer.specific(UserEmbedding.class, http, false)
                            .serialize("user-embeddings", embedding);
            byte[] viaMock =
                    AvroSerializer.specific(UserEmbedding.class, plainMock, false)
                            .serialize("user-embeddings", embedding);

            assertThat(viaHttp[4]).isEqualTo((byte) 1);
            assertThat(viaHttp).isEqualTo(viaMock);
        }
    }
}
