package glocal.schemas.serde;

/**
 * Writes the Avro binary body of one record type by hand, for a type on a hot path where the
 * generic datum writer's per-field dispatch and per-string allocation show in profiles. Its output
 * must be byte-identical to Avro's for the same record and schema (each implementation has a test
 * comparing the two).
 */
interface BodyEncoder<T> {
    void encode(T value, GrowableBuffer out);
}
