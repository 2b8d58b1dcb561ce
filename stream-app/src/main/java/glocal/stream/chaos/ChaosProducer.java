package glocal.stream.chaos;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.Topics;
import glocal.stream.produce.AvroMapper;
import glocal.stream.produce.Throttle;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends synthetic views to {@code views} at a steady rate from a thread of its own, as producers
 * keep sending while Glocal's processes are killed, and mixes in what a real stream carries: every
 * {@value #INVALID_EVERY}th record is invalid (in turn an unknown territory, a watch ratio of 1.5,
 * bytes no Avro reader can decode), and every {@value #DUPLICATE_EVERY}th valid view is sent twice
 * (a producer retry). It remembers what a correct stream side must make of it: one PLAY example per
 * valid play, one dead letter per invalid record.
 */
final class ChaosProducer implements Runnable {

    static final int INVALID_EVERY = 97;
    static final int DUPLICATE_EVERY = 89;

    /** The invalid kinds sent, by the DLQ reason the stream side must give them. */
    enum Invalid {
        UNKNOWN_TERRITORY("unknown-territory"),
        BAD_WATCH_RATIO("bad-watch-ratio"),
        UNDECODABLE("undecodable");

        final String reason;

        Invalid(String reason) {
            this.reason = reason;
        }
    }

    private final Map<String, Object> kafka;
    private final Serializer<ViewEvent> serializer;
    private final Iterator<View> views;
    private final long events;
    private final double eventsPerSecond;
    private final KeyHashes validPlays = new KeyHashes();
    private final Map<Invalid, AtomicLong> invalid = new EnumMap<>(Invalid.class);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong valid = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean done;

    ChaosProducer(
            String bootstrapServers,
            Serializer<ViewEvent> serializer,
            Iterator<View> views,
            long events,
            double eventsPerSecond) {
        this.kafka =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        10,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "glocal-chaos-producer");
        this.serializer = serializer;
        this.views = views;
        this.events = events;
        this.eventsPerSecond = eventsPerSecond;
        for (Invalid kind : Invalid.values()) {
            invalid.put(kind, new AtomicLong());
        }
    }

    @Override
    public void run() {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer())) {
            Throttle throttle = new Throttle(eventsPerSecond, System.nanoTime());
            for (long i = 0; i < events && views.hasNext(); i++) {
                throttle.awaitTurn(i);
                View view = views.next();
                if (i % INVALID_EVERY == INVALID_EVERY - 1) {
                    Invalid kind =
                            Invalid.values()[(int) ((i / INVALID_EVERY) % Invalid.values().length)];
                    send(producer, view, invalidValue(kind, view));
                    invalid.get(kind).incrementAndGet();
                    continue;
                }
                byte[] value = serializer.serialize(Topics.VIEWS, AvroMapper.toAvro(view));
                send(producer, view, value);
                valid.incrementAndGet();
                if (view.type() == ViewType.PLAY) {
                    validPlays.add(KeyHashes.of(view.userId(), view.titleId(), view.eventTimeMs()));
                }
                if (i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1) {
                    send(producer, view, value);
                    duplicates.incrementAndGet();
                }
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            done = true;
        }
    }

    private byte[] invalidValue(Invalid kind, View view) {
        ViewEvent event = AvroMapper.toAvro(view);
        switch (kind) {
            case UNKNOWN_TERRITORY -> event.setTerritory("ZZ");
            case BAD_WATCH_RATIO -> event.setWatchRatio(1.5f);
            case UNDECODABLE -> {
                return new byte[] {1, 0, 0, 0, 7, 42}; // magic byte 1: not Confluent's wire format
            }
        }
        return serializer.serialize(Topics.VIEWS, event);
    }

    private void send(KafkaProducer<String, byte[]> producer, View view, byte[] value) {
        producer.send(
                new ProducerRecord<>(Topics.VIEWS, null, view.eventTimeMs(), view.userId(), value),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
        sent.incrementAndGet();
    }

    boolean done() {
        return done;
    }

    /** Waits for the thread's end; fails with its error if it had one. */
    void awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!done) {
            throw new IllegalStateException(
                    "the chaos producer did not finish within " + timeout.toSeconds() + " s");
        }
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("the chaos producer failed: " + e.getMessage(), e);
        }
    }

    long sent() {
        return sent.get();
    }

    long valid() {
        return valid.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long invalid(Invalid kind) {
        return invalid.get(kind).get();
    }

    KeyHashes validPlays() {
        return validPlays;
    }
}
