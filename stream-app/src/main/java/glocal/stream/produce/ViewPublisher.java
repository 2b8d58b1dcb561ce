package glocal.stream.produce;

import glocal.model.data.TitleInfo;
import glocal.model.data.View;
import glocal.schemas.avro.Title;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.serde.AvroSerdes;
import glocal.stream.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes titles (to {@code titles}, keyed by title id) and views (to {@code views}, keyed by
 * user id) as Avro in Confluent's wire format. One idempotent producer carries both; records are
 * serialized here so one connection pool and one batch buffer serve both topics.
 */
public final class ViewPublisher implements AutoCloseable {

    private final ProducerSettings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<ViewEvent> viewSerializer;
    private final Serializer<Title> titleSerializer;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final Callback onSent =
            (metadata, e) -> {
                if (e != null) {
                    sendFailure.compareAndSet(null, e);
                }
            };

    /**
     * Opens the producer. The registry client stays the caller's; a command checks the broker first
     * ({@link glocal.stream.startup.Reachability#kafka}), so a wrong address fails in one line.
     */
    public static ViewPublisher open(ProducerSettings settings, SchemaRegistryClient registry) {
        return new ViewPublisher(settings, registry);
    }

    private ViewPublisher(ProducerSettings settings, SchemaRegistryClient registry) {
        this.settings = settings;
        this.viewSerializer = AvroSerdes.specific(ViewEvent.class, registry, false).serializer();
        this.titleSerializer = AvroSerdes.specific(Title.class, registry, false).serializer();
        this.producer =
                new KafkaProducer<>(
                        settings.kafkaProperties("glocal-produce"),
                        new StringSerializer(),
                        new ByteArraySerializer());
    }

    /** Sends every title; counts them into {@code stats}. */
    public void publishTitles(Iterable<TitleInfo> titles, ProduceStats stats) {
        for (TitleInfo title : titles) {
            send(
                    Topics.TITLES,
                    title.titleId(),
                    null,
                    titleSerializer.serialize(Topics.TITLES, AvroMapper.toAvro(title)));
            stats.title();
        }
    }

    /**
     * Sends the views at the configured rate, drawing a progress bar on {@code progressOut}, then
     * waits until the broker has acknowledged every record. Returns how long that took.
     *
     * @param expectedTotal events expected, for the percentage; 0 when unknown
     */
    public Duration publishViews(
            Iterator<View> views, long expectedTotal, ProduceStats stats, PrintStream progressOut) {
        long start = System.nanoTime();
        Throttle throttle = new Throttle(settings.eventsPerSecond(), start);
        ProgressBar bar = new ProgressBar(progressOut, expectedTotal, start);
        long sent = 0;
        while (views.hasNext()) {
            View view = views.next();
            throttle.awaitTurn(sent);
            // The record timestamp is the event time, so the stream side windows and validates on
            // it.
            send(
                    Topics.VIEWS,
                    view.userId(),
                    view.eventTimeMs(),
                    viewSerializer.serialize(Topics.VIEWS, AvroMapper.toAvro(view)));
            stats.view(view);
            sent++;
            bar.update(sent, System.nanoTime());
        }
        flush();
        long end = System.nanoTime();
        bar.finish(sent, end);
        return Duration.ofNanos(end - start);
    }

    /** Blocks until every record sent so far is acknowledged; fails with the first send error. */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private void send(String topic, String key, Long timestampMs, byte[] value) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, null, timestampMs, key, value), onSent);
    }

    private void throwIfFailed() {
        Exception e = sendFailure.get();
        if (e != null) {
            throw new IllegalStateException(
                    "sending to Kafka at "
                            + settings.bootstrapServers()
                            + " failed: "
                            + e.getMessage(),
                    e);
        }
    }
}
