package glocal.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.RegistryEvent.SchemaRegistered;
import glocal.schemas.registry.RegistryJournal;
import glocal.schemas.registry.RegistryStore;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of a known ViewEvent, written by hand from the Avro and Confluent specifications.
 */
class WireFormatGoldenBytesTest {
    private static final String SCOPE = WireFormatGoldenBytesTest.class.getSimpleName();

    /** Avro binary of RecordSamples.viewEvent(), field by field. */
    private static final byte[] BODY = {
        0x06,
        'e',
        '-',
        '1', // eventId: zig-zag length 3, UTF-8
        0x06,
        'u',
        '-',
        '7', // userId
        0x08,
        't',
        '-',
        '4',
        '2', // titleId: length 4
        0x04,
        'B',
        'R', // territory
        (byte) 0x80,
        (byte) 0xa0,
        (byte) 0xab,
        (byte) 0xfe,
        (byte) 0xf9,
        0x62, // eventTime 1_700_000_000_000 zig-zag varint
        0x02, // eventType: enum index 1 = PLAY
        0x02,
        0x00,
        0x00,
        0x40,
        0x3f, // watchRatio: union branch 1 (float), 0.75f little-endian
        0x00, // finished: false
        0x01, // skipped: true
        0x00
    }; // device: union branch 0 (null)

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void viewEventIsMagicByteThenBigEndianIdThenAvroBody() {
        try (SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + SCOPE)) {
            byte[] payload =
                    AvroSerializer.specific(ViewEvent.class, registry, false)
                            .serialize("views", RecordSamples.viewEvent());

            assertThat(registry.getLatest("views-value").id()).isEqualTo(1);
            assertThat(payload).isEqualTo(concat(new byte[] {0x00, 0x00, 0x00, 0x00, 0x01}, BODY));
        }
    }

    @Test
    void schemaIdIsWrittenBigEndianOverAllFourBytes() {
        RegistryStore store =
                MockSchemaRegistry.install(
                        SCOPE, new RegistryStore("mock://" + SCOPE, RegistryJournal.IN_MEMORY));
        store.replay(
                new SchemaRegistered(
                        "views-value", 1, 0x01020304, AvscSchemas.of(ViewEvent.class).toString()));
        try (SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + SCOPE)) {
            byte[] payload =
                    AvroSerializer.specific(ViewEvent.class, registry, false)
                            .serialize("views", RecordSamples.viewEvent());

            assertThat(payload).isEqualTo(concat(new byte[] {0x00, 0x01, 0x02, 0x03, 0x04}, BODY));
            assertThat(
                            AvroDeserializer.specific(ViewEvent.class, registry)
                                    .deserialize("views", payload))
                    .isEqualTo(RecordSamples.viewEvent());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
