package glocal.schemas.serde;

import glocal.schemas.avro.TrainingBatch;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The Avro binary body of a {@link TrainingBatch}, written field by field straight into the output
 * buffer: the batcher writes one per B examples, and with the generic writer its three string
 * columns were the largest single cost of the stream thread (an allocation and a copy per string).
 * Byte-identical to Avro's encoding ({@code TrainingBatchEncoderTest}); the schema is checked when
 * the class loads, so a changed {@code TrainingBatch.avsc} fails loudly here instead of writing a
 * wrong body.
 */
final class TrainingBatchEncoder implements BodyEncoder<TrainingBatch> {

    /** The fields this encoder writes, in schema order, with their Avro types. */
    private static final List<String> LAYOUT =
            List.of(
                    "batchId:STRING",
                    "size:INT",
                    "groupingVersion:INT",
                    "createdAt:LONG",
                    "userIds:ARRAY<STRING>",
                    "titleIds:ARRAY<STRING>",
                    "territories:ARRAY<STRING>",
                    "territoryGroups:BYTES",
                    "activityGroups:BYTES",
                    "exampleKinds:BYTES",
                    "sampleSources:BYTES",
                    "play:BYTES",
                    "finished:BYTES",
                    "skipped:BYTES",
                    "watchRatio:BYTES",
                    "weights:BYTES",
                    "eventTimes:BYTES",
                    "applicationId:UNION<NULL,STRING>");

    static {
        List<String> actual =
                TrainingBatch.getClassSchema().getFields().stream()
                        .map(f -> f.name() + ":" + typeName(f.schema()))
                        .toList();
        if (!actual.equals(LAYOUT)) {
            throw new IllegalStateException(
                    "TrainingBatch schema changed: TrainingBatchEncoder writes "
                            + LAYOUT
                            + " but the schema has "
                            + actual
                            + "; update the encoder with the schema");
        }
    }

    private static String typeName(Schema s) {
        return switch (s.getType()) {
            case ARRAY -> "ARRAY<" + typeName(s.getElementType()) + ">";
            case UNION ->
                    "UNION<"
                            + String.join(
                                    ",",
                                    s.getTypes().stream()
                                            .map(TrainingBatchEncoder::typeName)
                                            .toList())
                            + ">";
            default -> s.getType().name();
        };
    }

    @Override
    public void encode(TrainingBatch b, GrowableBuffer out) {
        out.writeString(b.getBatchId());
        out.writeLong(b.getSize());
        out.writeLong(b.getGroupingVersion());
        out.writeLong(b.getCreatedAt().toEpochMilli());
        writeStrings(b.getUserIds(), out);
        writeStrings(b.getTitleIds(), out);
        writeStrings(b.getTerritories(), out);
        writeBytes(b.getTerritoryGroups(), out);
        writeBytes(b.getActivityGroups(), out);
        writeBytes(b.getExampleKinds(), out);
        writeBytes(b.getSampleSources(), out);
        writeBytes(b.getPlay(), out);
        writeBytes(b.getFinished(), out);
        writeBytes(b.getSkipped(), out);
        writeBytes(b.getWatchRatio(), out);
        writeBytes(b.getWeights(), out);
        writeBytes(b.getEventTimes(), out);
        writeOptionalString(b.getApplicationId(), out);
    }

    /** A ["null", "string"] union: branch index 0 alone, or index 1 then the string. */
    private static void writeOptionalString(String s, GrowableBuffer out) {
        if (s == null) {
            out.writeLong(0);
        } else {
            out.writeLong(1);
            out.writeString(s);
        }
    }

    /**
     * One block of n items then the end marker; an empty array is the end marker alone (as Avro
     * writes it).
     */
    private static void writeStrings(List<String> strings, GrowableBuffer out) {
        int n = strings.size();
        if (n > 0) {
            out.writeLong(n);
            for (int i = 0; i < n; i++) {
                out.writeString(strings.get(i));
            }
        }
        out.writeLong(0);
    }

    /** The bytes from position to limit, position untouched (as Avro writes a ByteBuffer). */
    private static void writeBytes(ByteBuffer bytes, GrowableBuffer out) {
        int len = bytes.limit() - bytes.position();
        out.writeLong(len);
        if (len > 0) {
            if (bytes.hasArray()) {
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), len);
            } else {
                byte[] copy = new byte[len];
                bytes.duplicate().get(copy);
                out.write(copy, 0, len);
            }
        }
    }
}
