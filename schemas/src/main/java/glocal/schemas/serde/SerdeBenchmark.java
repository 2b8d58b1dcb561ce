package glocal.schemas.serde;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.avro.specific.SpecificRecord;

/**
 * Measures the Avro serde's per-record cost (serialize and deserialize through a {@code mock://}
 * registry) for a ViewEvent and for a 4,096-example columnar TrainingBatch. Figures for the {@code
 * bench} command; deterministic inputs (seeded), a warm-up pass before timing.
 */
public final class SerdeBenchmark {
    private static final String SCOPE = "serde-benchmark";

    /** One record type's figures. */
    public record Result(
            String recordType,
            int records,
            int payloadBytes,
            double serializeMicros,
            double deserializeMicros) {
        public double serializePerSecond() {
            return 1e6 / serializeMicros;
        }

        public double deserializePerSecond() {
            return 1e6 / deserializeMicros;
        }

        @Override
        public String toString() {
            return String.format(
                    "%-14s %7d records  %8d B/record  serialize %9.2f us (%,10.0f/s)  deserialize %9.2f us (%,10.0f/s)",
                    recordType,
                    records,
                    payloadBytes,
                    serializeMicros,
                    serializePerSecond(),
                    deserializeMicros,
                    deserializePerSecond());
        }
    }

    private SerdeBenchmark() {}

    /** Runs {@code viewEvents} ViewEvents and {@code batches} 4,096-example batches. */
    public static List<Result> run(int viewEvents, int batches) {
        MockSchemaRegistry.dropScope(SCOPE);
        try (SchemaRegistryClient registry = MockSchemaRegistry.client(SCOPE)) {
            Random random = new Random(42);
            List<Result> results = new ArrayList<>();
            results.add(measure(ViewEvent.class, registry, viewEvents, i -> view(random, i)));
            results.add(
                    measure(TrainingBatch.class, registry, batches, i -> batch(random, i, 4_096)));
            return results;
        } finally {
            MockSchemaRegistry.dropScope(SCOPE);
        }
    }

    public static void main(String[] args) {
        int views = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        run(views, batches).forEach(System.out::println);
    }

    private static <T extends SpecificRecord> Result measure(
            Class<T> type, SchemaRegistryClient registry, int count, IntFunction<T> make) {
        List<T> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(make.apply(i));
        }
        AvroSerializer<T> serializer = AvroSerializer.specific(type, registry, false);
        AvroDeserializer<T> deserializer = AvroDeserializer.specific(type, registry);
        String topic = "bench-" + type.getSimpleName();
        byte[][] payloads = new byte[count][];
        long checksum = 0;
        for (int pass = 0; pass < 2; pass++) { // pass 0 warms up the JIT
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                payloads[i] = serializer.serialize(topic, records.get(i));
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                checksum += System.identityHashCode(deserializer.deserialize(topic, payloads[i]));
            }
            long t2 = System.nanoTime();
            if (pass == 1) {
                if (checksum == 42) {
                    System.out.print(""); // keeps the decoded records live for the JIT
                }
                return new Result(
                        type.getSimpleName(),
                        count,
                        payloads[0].length,
                        (t1 - t0) / 1e3 / count,
                        (t2 - t1) / 1e3 / count);
            }
        }
        throw new IllegalStateException("unreachable: the loop returns on its second pass");
    }

    private static ViewEvent view(Random random, int i) {
        boolean play = random.nextBoolean();
        return ViewEvent.newBuilder()
                .setEventId("e-" + i)
                .setUserId("u-" + random.nextInt(1_000_000))
                .setTitleId("t-" + random.nextInt(50_000))
                .setTerritory(random.nextBoolean() ? "BR" : "KR")
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setEventType(play ? EventType.PLAY : EventType.IMPRESSION)
                .setWatchRatio(play ? random.nextFloat() : null)
                .setFinished(false)
                .setSkipped(false)
                .setDevice("tv")
                .build();
    }

    private static TrainingBatch batch(Random random, int i, int size) {
        List<String> users = new ArrayList<>(size);
        List<String> titles = new ArrayList<>(size);
        List<String> territories = new ArrayList<>(size);
        for (int e = 0; e < size; e++) {
            users.add("u-" + random.nextInt(1_000_000));
            titles.add("t-" + random.nextInt(50_000));
            territories.add(random.nextBoolean() ? "BR" : "KR");
        }
        return TrainingBatch.newBuilder()
                .setBatchId("bench-0-" + i)
                .setSize(size)
                .setGroupingVersion(1)
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setUserIds(users)
                .setTitleIds(titles)
                .setTerritories(territories)
                .setTerritoryGroups(column(random, size, 4))
                .setActivityGroups(column(random, size, 4))
                .setExampleKinds(column(random, size, 4))
                .setSampleSources(column(random, size, 4))
                .setPlay(column(random, size, 4))
                .setFinished(column(random, size, 4))
                .setSkipped(column(random, size, 4))
                .setWatchRatio(column(random, size, 4))
                .setWeights(column(random, size, 4))
                .setEventTimes(column(random, size, 8))
                .build();
    }

    private static ByteBuffer column(Random random, int size, int width) {
        byte[] bytes = new byte[size * width];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
