package glocal.schemas.serde;

import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.registry.RegistryUnavailableException;
import glocal.schemas.registry.SchemaNotFoundException;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryException;
import glocal.schemas.registry.SubjectNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records in Confluent's wire format. The writer schema is registered (auto-register) under
 * {@code <topic>-value} or {@code <topic>-key} once per topic and its id cached, so per-record work
 * is the Avro encoding alone; the datum writer is shared and the encoder and buffer are reused per
 * thread. A generated class registers its {@code .avsc} file's schema ({@link AvscSchemas}: the
 * same data as the class's schema, without the generator's Java-only properties). Thread-safe.
 * Registry outages propagate as {@link RegistryUnavailableException} (a retriable infrastructure
 * failure, not bad data); a rejected schema becomes a {@link SerializationException}.
 */
public final class AvroSerializer<T> implements Serializer<T> {
    private final Schema schema;

    /**
     * What is registered: {@code schema} itself, or for a generated class its .avsc file's text.
     */
    private final Schema registered;

    private final DatumWriter<T> writer;

    /** A hand-written body encoder for a hot record type, or null for Avro's datum writer. */
    private final BodyEncoder<T> body;

    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final boolean autoRegister;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final ThreadLocal<Encoding> encodings = ThreadLocal.withInitial(Encoding::new);

    private AvroSerializer(
            Schema schema,
            Schema registered,
            DatumWriter<T> writer,
            BodyEncoder<T> body,
            SchemaRegistryClient registry,
            boolean isKey,
            boolean autoRegister) {
        this.schema = schema;
        this.registered = registered;
        this.writer = writer;
        this.body = body;
        this.registry = registry;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    /**
     * A serializer of a generated class, writing with the class's own schema, registering it if
     * needed.
     */
    public static <T extends SpecificRecord> AvroSerializer<T> specific(
            Class<T> type, SchemaRegistryClient registry, boolean isKey) {
        return specific(type, registry, isKey, true);
    }

    /**
     * As {@link #specific(Class, SchemaRegistryClient, boolean)}; with {@code autoRegister} false
     * (Confluent's {@code auto.register.schemas=false}, usual where schemas are deployed ahead of
     * producers) the schema is only looked up and a missing one fails the first record.
     */
    public static <T extends SpecificRecord> AvroSerializer<T> specific(
            Class<T> type, SchemaRegistryClient registry, boolean isKey, boolean autoRegister) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        return new AvroSerializer<>(
                schema,
                AvscSchemas.of(type),
                new SpecificDatumWriter<>(schema, model),
                bodyEncoder(type),
                registry,
                isKey,
                autoRegister);
    }

    /**
     * The hand-written encoder of {@code type}, if it has one (the same bytes as Avro's, faster).
     */
    @SuppressWarnings("unchecked")
    private static <T> BodyEncoder<T> bodyEncoder(Class<T> type) {
        return type == TrainingBatch.class ? (BodyEncoder<T>) new TrainingBatchEncoder() : null;
    }

    /**
     * As {@link #specific}, always through Avro's datum writer (tests compare it with the
     * hand-written encoders).
     */
    static <T extends SpecificRecord> AvroSerializer<T> specificWithAvroWriter(
            Class<T> type, SchemaRegistryClient registry) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        return new AvroSerializer<>(
                schema,
                AvscSchemas.of(type),
                new SpecificDatumWriter<>(schema, model),
                null,
                registry,
                false,
                true);
    }

    /**
     * A serializer of generic records written with {@code schema} (e.g. an older version of a
     * schema).
     */
    public static AvroSerializer<GenericRecord> generic(
            Schema schema, SchemaRegistryClient registry, boolean isKey) {
        return new AvroSerializer<>(
                schema,
                schema,
                new GenericDatumWriter<>(schema, GenericData.get()),
                null,
                registry,
                isKey,
                true);
    }

    /** The schema this serializer writes with. */
    public Schema schema() {
        return schema;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Integer cached = idsByTopic.get(topic);
        int id =
                cached != null
                        ? cached
                        : idsByTopic.computeIfAbsent(
                                topic, t -> register(WireFormat.subject(t, isKey)));
        Encoding encoding = encodings.get();
        encoding.buffer.resetAfterHeader();
        try {
            if (body != null) {
                body.encode(data, encoding.buffer);
            } else {
                encoding.encoder =
                        EncoderFactory.get().binaryEncoder(encoding.buffer, encoding.encoder);
                writer.write(data, encoding.encoder);
                encoding.encoder.flush();
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "could not encode a "
                            + schema.getFullName()
                            + " for topic "
                            + topic
                            + " with schema id "
                            + id
                            + ": "
                            + e.getMessage(),
                    e);
        }
        return encoding.buffer.toPayload(id);
    }

    private int register(String subject) {
        try {
            return autoRegister
                    ? registry.register(subject, registered)
                    : registry.lookup(subject, registered).id();
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (SubjectNotFoundException | SchemaNotFoundException e) {
            throw new SerializationException(
                    "schema "
                            + schema.getFullName()
                            + " is not registered under subject '"
                            + subject
                            + "' in schema registry "
                            + registry.url()
                            + " and auto-registration is off: register it first (POST /subjects/"
                            + subject
                            + "/versions) or turn auto-registration on",
                    e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "could not register schema "
                            + schema.getFullName()
                            + " under subject '"
                            + subject
                            + "': "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        encodings.remove();
    }

    private static final class Encoding {
        final GrowableBuffer buffer = new GrowableBuffer();
        BinaryEncoder encoder;
    }
}
