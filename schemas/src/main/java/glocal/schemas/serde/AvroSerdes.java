package glocal.schemas.serde;

import glocal.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka serdes for Avro records in Confluent's wire format, sharing one registry client. */
public final class AvroSerdes {
    private AvroSerdes() {}

    /**
     * A serde of a generated class; {@code isKey} picks the {@code <topic>-key} subject over {@code
     * <topic>-value}.
     */
    public static <T extends SpecificRecord> Serde<T> specific(
            Class<T> type, SchemaRegistryClient registry, boolean isKey) {
        return Serdes.serdeFrom(
                AvroSerializer.specific(type, registry, isKey),
                AvroDeserializer.specific(type, registry));
    }

    /**
     * As above; {@code autoRegister} false only looks the schema up (Confluent's {@code
     * auto.register.schemas=false}).
     */
    public static <T extends SpecificRecord> Serde<T> specific(
            Class<T> type, SchemaRegistryClient registry, boolean isKey, boolean autoRegister) {
        return Serdes.serdeFrom(
                AvroSerializer.specific(type, registry, isKey, autoRegister),
                AvroDeserializer.specific(type, registry));
    }

    /**
     * A serde of generic records written with {@code schema} and read with it as the reader schema.
     */
    public static Serde<GenericRecord> generic(
            Schema schema, SchemaRegistryClient registry, boolean isKey) {
        return Serdes.serdeFrom(
                AvroSerializer.generic(schema, registry, isKey),
                AvroDeserializer.generic(schema, registry));
    }
}
