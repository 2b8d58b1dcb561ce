package glocal.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingBatchEncoderTest {

    private static final String SCOPE = "training-batch-encoder";
    private final SchemaRegistryClient registry =
            SchemaRegistryClients.create(MockSchemaRegistry.SCHEME + SCOPE);
    private final AvroSerializer<TrainingBatch> fast =
            AvroSerializer.specific(TrainingBatch.class, registry, false);
    private final AvroSerializer<TrainingBatch> avro =
            AvroSerializer.specificWithAvroWriter(TrainingBatch.class, registry);

    @AfterEach
    void drop() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    private static final String[] STRINGS = {
        "", "u1", "t-42", "BR", "ñandú", "日本", "emoji 😀", "lone \uD800 surrogate", "x".repeat(200)
    };

    private static String string(SplittableRandom rng) {
        return rng.nextInt(3) == 0 ? STRINGS[rng.nextInt(STRINGS.length)] : "id" + rng.nextLong();
    }

    private static List<String> strings(SplittableRandom rng, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string(rng));
        }
        return out;
    }

    private static ByteBuffer bytes(SplittableRandom rng, int n) {
        byte[] raw = new byte[n + 3];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) rng.nextInt();
        }
        return switch (rng.nextInt(3)) {
            case 0 -> ByteBuffer.wrap(raw, 0, n).slice();
            case 1 -> ByteBuffer.wrap(raw, 2, n); // position 2: Avro writes from the position on
            default -> {
                ByteBuffer direct = ByteBuffer.allocateDirect(n);
                direct.put(raw, 0, n).flip();
                yield direct;
            }
        };
    }

    private static TrainingBatch batch(SplittableRandom rng) {
        int n = rng.nextInt(4) == 0 ? 0 : 1 + rng.nextInt(300);
        long[] edgeLongs = {
            0, -1, 1, 63, 64, -64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE / 1000
        };
        return TrainingBatch.newBuilder()
                .setBatchId(string(rng))
                .setSize(rng.nextBoolean() ? n : (int) edgeLongs[rng.nextInt(9)])
                .setGroupingVersion((int) edgeLongs[rng.nextInt(9)])
                .setCreatedAt(
                        Instant.ofEpochMilli(
                                rng.nextBoolean()
                                        ? edgeLongs[rng.nextInt(edgeLongs.length)]
                                        : rng.nextLong(1L << 45)))
                .setUserIds(strings(rng, n))
                .setTitleIds(strings(rng, n))
                .setTerritories(strings(rng, n))
                .setTerritoryGroups(bytes(rng, 4 * n))
                .setActivityGroups(bytes(rng, 4 * n))
                .setExampleKinds(bytes(rng, 4 * n))
                .setSampleSources(bytes(rng, 4 * n))
                .setPlay(bytes(rng, 4 * n))
                .setFinished(bytes(rng, 4 * n))
                .setSkipped(bytes(rng, 4 * n))
                .setWatchRatio(bytes(rng, 4 * n))
                .setWeights(bytes(rng, 4 * n))
                .setEventTimes(bytes(rng, 8 * n))
                .setApplicationId(rng.nextBoolean() ? null : string(rng))
                .build();
    }

    @Test
    void handWrittenBodyIsByteIdenticalToAvrosOnRandomBatches() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            TrainingBatch b = batch(rng);
            int position = b.getPlay().position();
            assertThat(fast.serialize("training-batches", b))
                    .as("batch %d", i)
                    .isEqualTo(avro.serialize("training-batches", b));
            assertThat(b.getPlay().position()).isEqualTo(position);
        }
    }

    @Test
    void theSampleBatchRoundTripsThroughTheDeserializer() {
        TrainingBatch sample =
                (TrainingBatch)
                        RecordSamples.everyType().stream()
                                .filter(r -> r instanceof TrainingBatch)
                                .findFirst()
                                .orElseThrow();
        byte[] bytes = fast.serialize("training-batches", sample);
        assertThat(bytes).isEqualTo(avro.serialize("training-batches", sample));
        assertThat(
                        AvroDeserializer.specific(TrainingBatch.class, registry)
                                .deserialize("training-batches", bytes))
                .isEqualTo(sample);
    }
}
