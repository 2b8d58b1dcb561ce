package glocal.schemas.serde;

import glocal.schemas.registry.SchemaNotFoundException;
import glocal.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format payloads. The writer schema is fetched by the id in the header (once:
 * one datum reader per writer id is cached) and resolved against the reader schema, so records
 * written with older compatible schemas still decode. Thread-safe; decoders are reused per thread.
 * Bad data (wrong magic byte, short payload, unknown id, undecodable body) raises a {@link
 * SerializationException} subtype so Kafka Streams' deserialization-exception handler sees it; a
 * registry outage propagates as is, so good records are never dead-lettered for it.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {
    private final Schema readerSchema;
    private final BiFunction<Schema, Schema, DatumReader<T>> readerFactory;
    private final SchemaRegistryClient registry;
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private AvroDeserializer(
            Schema readerSchema,
            BiFunction<Schema, Schema, DatumReader<T>> readerFactory,
            SchemaRegistryClient registry) {
        this.readerSchema = readerSchema;
        this.readerFactory = readerFactory;
        this.registry = registry;
    }

    /** Reads into a generated class, resolving each writer schema to the class's schema. */
    public static <T extends SpecificRecord> AvroDeserializer<T> specific(
            Class<T> type, SchemaRegistryClient registry) {
        SpecificData model = SpecificData.getForClass(type);
        Schema reader = model.getSchema(type);
        return new AvroDeserializer<>(
                reader, (writer, r) -> new SpecificDatumReader<>(writer, r, model), registry);
    }

    /**
     * Reads generic records; with a null {@code readerSchema} each record is read with its own
     * writer schema (what a tool that knows no schema in advance wants).
     */
    public static AvroDeserializer<GenericRecord> generic(
            Schema readerSchema, SchemaRegistryClient registry) {
        return new AvroDeserializer<>(
                readerSchema,
                (writer, r) -> new GenericDatumReader<>(writer, r, GenericData.get()),
                registry);
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        if (payload.length < WireFormat.HEADER_SIZE) {
            throw new TruncatedPayloadException(topic, payload.length);
        }
        if (payload[0] != WireFormat.MAGIC_BYTE) {
            throw new UnknownMagicByteException(topic, payload[0]);
        }
        int id = WireFormat.schemaId(payload);
        DatumReader<T> reader = readersByWriterId.computeIfAbsent(id, i -> readerFor(topic, i));
        BinaryDecoder decoder =
                DecoderFactory.get()
                        .binaryDecoder(
                                payload,
                                WireFormat.HEADER_SIZE,
                                payload.length - WireFormat.HEADER_SIZE,
                                DECODERS.get());
        DECODERS.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "could not decode a record of "
                            + payload.length
                            + " bytes on topic "
                            + topic
                            + " with writer schema id "
                            + id
                            + " from registry "
                            + registry.url()
                            + ": "
                            + e
                            + "; the body is truncated or was not written with that schema",
                    e);
        }
    }

    private DatumReader<T> readerFor(String topic, int id) {
        Schema writer;
        try {
            writer = registry.getById(id);
        } catch (SchemaNotFoundException e) {
            throw new UnknownSchemaIdException(topic, id, registry.url(), e);
        }
        Schema reader = readerSchema == null ? writer : readerSchema;
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException(
                    "records on topic "
                            + topic
                            + " written with schema id "
                            + id
                            + " ("
                            + writer.getFullName()
                            + ") cannot be read as "
                            + reader.getFullName()
                            + ": "
                            + compatibility.getResult().getIncompatibilities()
                            + "; was the schema changed incompatibly?");
        }
        return readerFactory.apply(writer, reader);
    }

    @Override
    public void close() {
        DECODERS.remove();
    }
}
