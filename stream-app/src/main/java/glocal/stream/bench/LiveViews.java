package glocal.stream.bench;

import glocal.model.data.View;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.Topics;
import glocal.stream.produce.AvroMapper;
import glocal.stream.produce.Throttle;
import java.time.Duration;
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
 * Sends synthetic views "live", from a thread of its own: each view's event time (and record
 * timestamp) is the wall-clock time it is sent, not the time the synthetic world gave it, so what
 * the pipeline measures from event time (embedding freshness) is measured from the send. The
 * synthetic worlds of {@code produce} and {@code bench chaos} date their views in the past (the
 * last one about now), which would make every view look minutes old.
 */
public final class LiveViews implements Runnable {

    private final Map<String, Object> kafka;
    private final Serializer<ViewEvent> serializer;
    private final Iterator<View> views;
    private final long events;
    private final double eventsPerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long startedMs = -1;
    private volatile long doneNanos = -1;
    private volatile long startedNanos = -1;
    private volatile boolean done;

    /**
     * @param eventsPerSecond 0: as fast as the producer can
     */
    public LiveViews(
            String bootstrapServers,
            Serializer<ViewEvent> serializer,
            Iterator<View> views,
            long events,
            double eventsPerSecond) {
        this.kafka =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        120_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        600_000,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "glocal-pipeline-producer");
        this.serializer = serializer;
        this.views = views;
        this.events = events;
        this.eventsPerSecond = eventsPerSecond;
    }

    @Override
    public void run() {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer())) {
            startedNanos = System.nanoTime();
            startedMs = System.currentTimeMillis();
            Throttle throttle = new Throttle(eventsPerSecond, startedNanos);
            for (long i = 0; i < events && views.hasNext(); i++) {
                throttle.awaitTurn(i);
                View v = views.next();
                long now = System.currentTimeMillis();
                View live =
                        new View(
                                v.eventId(),
                                v.userId(),
                                v.titleId(),
                                v.territory(),
                                now,
                                v.type(),
                                v.watchRatio(),
                                v.finished(),
                                v.skipped());
                byte[] value = serializer.serialize(Topics.VIEWS, AvroMapper.toAvro(live));
                producer.send(
                        new ProducerRecord<>(Topics.VIEWS, null, now, live.userId(), value),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            doneNanos = System.nanoTime();
            done = true;
        }
    }

    public boolean done() {
        return done;
    }

    /** Waits for the thread's end; fails with its error if it had one. */
    public void awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!done) {
            throw new IllegalStateException(
                    "the view producer did not finish within " + timeout.toSeconds() + " s");
        }
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("the view producer failed: " + e.getMessage(), e);
        }
    }

    /** Its error so far, or null. */
    public Throwable failure() {
        return failure.get();
    }

    public long sent() {
        return sent.get();
    }

    /** When sending began (System.nanoTime()), -1 before. */
    public long startedNanos() {
        return startedNanos;
    }

    /** When sending began (epoch ms), -1 before. */
    public long startedMs() {
        return startedMs;
    }

    /** When the last view was flushed (System.nanoTime()), -1 before. */
    public long doneNanos() {
        return doneNanos;
    }
}
