package glocal.stream.bench;

import glocal.schemas.avro.ViewEvent;
import glocal.stream.Topics;
import glocal.stream.produce.Throttle;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@link SyntheticViews} to the views topic for benchmarks: keyed by user, record
 * timestamp equal to the event time (so no view is judged too old or in the future), in large LZ4
 * batches. Successive {@link #send} calls continue the same stream.
 */
public final class ViewLoad implements AutoCloseable {

    private final KafkaProducer<String, ViewEvent> producer;
    private final SyntheticViews views;
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private long sent;

    public ViewLoad(
            String bootstrapServers, Serializer<ViewEvent> serializer, SyntheticViews views) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "524288");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // On a loaded machine a produce response can take longer than the default 30 s; the
        // idempotent producer then retries a batch the broker already holds while later batches
        // succeed, and the broker answers OutOfOrderSequence to every retry (seen once in
        // `bench streams --events 1000000` with other builds on the 2 cores). Benchmarks wait.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), serializer);
        this.views = views;
    }

    /**
     * Sends the next {@code count} views at most {@code perSecond} a second (0: as fast as it can)
     * and flushes.
     */
    public void send(long count, double perSecond) {
        Throttle throttle = new Throttle(perSecond, System.nanoTime());
        for (long i = 0; i < count; i++) {
            throttle.awaitTurn(i);
            ViewEvent v = views.next();
            producer.send(
                    new ProducerRecord<>(
                            Topics.VIEWS, null, v.getEventTime().toEpochMilli(), v.getUserId(), v),
                    (metadata, e) -> {
                        if (e != null) {
                            failed.compareAndSet(null, e);
                        }
                    });
        }
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException(
                    "a benchmark view could not be sent: " + failed.get().getMessage(),
                    failed.get());
        }
        sent += count;
    }

    /** Views sent so far. */
    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
