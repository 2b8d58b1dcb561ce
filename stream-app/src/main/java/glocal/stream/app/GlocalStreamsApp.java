package glocal.stream.app;

import static glocal.stream.config.GlocalStreamsConfig.*;

import com.sun.net.httpserver.HttpServer;
import glocal.stream.GlocalMetrics;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.query.QueryServer;
import glocal.stream.query.QuerySettings;
import glocal.stream.serde.GlocalSerdes;
import glocal.stream.topology.GlocalTopology;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream side as a service: {@link #start(Duration)} returns once Kafka Streams is RUNNING
 * (observed through a state listener and a latch), {@link #close()} stops it. An exception escaping
 * the topology shuts the client down and is reported by {@link #failure()}.
 */
public final class GlocalStreamsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GlocalStreamsApp.class);

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<KafkaStreams.State> lastState =
            new AtomicReference<>(KafkaStreams.State.CREATED);

    private final QueryServer query;

    public GlocalStreamsApp(
            GlocalStreamsConfig config,
            String bootstrapServers,
            GlocalSerdes serdes,
            GlocalMetrics metrics,
            Properties overrides) {
        Properties props = config.streamsProperties(bootstrapServers);
        props.putAll(overrides);
        HttpServer http =
                QueryServer.bind(
                        config.getString(QUERY_HOST_CONFIG), config.getInt(QUERY_PORT_CONFIG));
        // Kafka Streams' metadata names this instance exactly so: the query server compares hosts
        // with it.
        HostInfo advertised =
                new HostInfo(config.getString(QUERY_HOST_CONFIG), http.getAddress().getPort());
        props.put(
                StreamsConfig.APPLICATION_SERVER_CONFIG,
                advertised.host() + ":" + advertised.port());
        try {
            streams = new KafkaStreams(GlocalTopology.build(config, serdes, metrics), props);
        } catch (RuntimeException e) {
            http.stop(0);
            throw e;
        }
        query = new QueryServer(http, advertised, streams, QuerySettings.from(config));
        streams.setGlobalStateRestoreListener(new RestoreLog());
        streams.setStateListener(
                (now, before) -> {
                    log.info("Kafka Streams state {} -> {}", before, now);
                    lastState.set(now);
                    if (now == KafkaStreams.State.RUNNING) {
                        running.countDown();
                    }
                });
        streams.setUncaughtExceptionHandler(
                e -> {
                    failure.compareAndSet(null, e);
                    log.error("Glocal topology failed; shutting the streams client down", e);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                            .SHUTDOWN_CLIENT;
                });
    }

    /** Starts and waits until RUNNING; throws when the timeout passes or the client fails first. */
    public void start(Duration timeout) throws InterruptedException {
        query.start();
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.await(50, TimeUnit.MILLISECONDS)) {
            KafkaStreams.State s = lastState.get();
            if (failure.get() != null
                    || s == KafkaStreams.State.ERROR
                    || s == KafkaStreams.State.NOT_RUNNING
                    || s == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new IllegalStateException(
                        "Kafka Streams stopped while starting (state " + s + ")", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Kafka Streams not RUNNING after "
                                + timeout
                                + " (state "
                                + s
                                + "): is the broker reachable and do the source topics exist?");
            }
        }
    }

    /** Port of the HTTP query endpoint. */
    public int queryPort() {
        return query.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        query.close();
        streams.close(Duration.ofSeconds(30));
    }
}
