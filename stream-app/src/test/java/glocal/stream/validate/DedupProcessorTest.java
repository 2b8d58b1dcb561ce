package glocal.stream.validate;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dedup processor starting on a store that already holds ids (as after a restart), with the
 * in-memory id index large enough to know every id or too small to know most: the decisions are the
 * same, only the number of store reads differs.
 */
class DedupProcessorTest {

    private static final long W = 60_000;
    private static final long T0 = 1_700_000_000_000L;

    private final GlocalMetrics metrics = new GlocalMetrics(new SimpleMeterRegistry());
    private final AtomicInteger fetches = new AtomicInteger();
    private MockProcessorContext<String, ViewEvent> context;

    /** (id, bucket start) → event time, as the window store keeps them. */
    private final Map<Windowed<String>, Long> stored = new LinkedHashMap<>();

    @BeforeEach
    void storeWithIdsFromBeforeARestart() {
        context = new MockProcessorContext<>();
        for (int i = 0; i < 100; i++) {
            long time = T0 + i * 100L;
            long bucket = Math.floorDiv(time, W) * W;
            stored.put(new Windowed<>("old" + i, new TimeWindow(bucket, bucket + W)), time);
        }
        context.addStateStore(windowStore());
    }

    /**
     * A window store over {@link #stored} offering what the processor uses, counting point reads.
     */
    @SuppressWarnings("unchecked")
    private WindowStore<String, Long> windowStore() {
        return (WindowStore<String, Long>)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {WindowStore.class, StateStore.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "name" -> DedupProcessor.STORE;
                                    case "fetch" -> {
                                        fetches.incrementAndGet();
                                        yield stored.get(
                                                new Windowed<>(
                                                        (String) args[0],
                                                        new TimeWindow(
                                                                (Long) args[1],
                                                                (Long) args[1] + W)));
                                    }
                                    case "put" ->
                                            stored.put(
                                                    new Windowed<>(
                                                            (String) args[0],
                                                            new TimeWindow(
                                                                    (Long) args[2],
                                                                    (Long) args[2] + W)),
                                                    (Long) args[1]);
                                    case "all", "backwardAll" ->
                                            iterator(method.getName().equals("all"));
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }

    private KeyValueIterator<Windowed<String>, Long> iterator(boolean forward) {
        List<KeyValue<Windowed<String>, Long>> entries = new ArrayList<>();
        stored.forEach((k, v) -> entries.add(KeyValue.pair(k, v)));
        entries.sort(Comparator.comparingLong(kv -> kv.key.window().start()));
        if (!forward) {
            Collections.reverse(entries);
        }
        Iterator<KeyValue<Windowed<String>, Long>> it = entries.iterator();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Windowed<String>, Long> next() {
                return it.next();
            }

            @Override
            public Windowed<String> peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
    }

    private List<String> run(long indexCapacity, List<String> idsInOrder) {
        DedupProcessor p = new DedupProcessor(W, indexCapacity, metrics);
        p.init(context);
        long time = T0 + 20_000;
        for (String id : idsInOrder) {
            time += 10;
            ViewEvent v =
                    ViewEvent.newBuilder()
                            .setEventId(id)
                            .setUserId("u1")
                            .setTitleId("t1")
                            .setTerritory("US")
                            .setEventTime(Instant.ofEpochMilli(time))
                            .setEventType(EventType.PLAY)
                            .setWatchRatio(0.5f)
                            .setFinished(false)
                            .setSkipped(false)
                            .build();
            p.process(new Record<>("u1", v, time));
        }
        return context.forwarded().stream().map(f -> f.record().value().getEventId()).toList();
    }

    private static final List<String> IDS =
            List.of("new1", "old3", "new2", "new1", "old99", "new3", "new2");

    @Test
    void anIndexThatKnowsEveryStoredIdDecidesNewIdsWithoutReadingTheStore() {
        assertThat(run(1_000, IDS)).containsExactly("new1", "new2", "new3");
        assertThat(metrics.registry().find(GlocalMetrics.DUPLICATES).counter().count())
                .isEqualTo(4.0);
        // One read per duplicate, to confirm what the fingerprint suggested; none for the new ids.
        assertThat(fetches.get()).isEqualTo(4);
    }

    @Test
    void anIndexTooSmallForTheStoreFallsBackToStoreReadsAndDecidesTheSame() {
        assertThat(run(2, IDS)).containsExactly("new1", "new2", "new3");
        assertThat(metrics.registry().find(GlocalMetrics.DUPLICATES).counter().count())
                .isEqualTo(4.0);
        assertThat(fetches.get()).isGreaterThan(IDS.size());
    }
}
