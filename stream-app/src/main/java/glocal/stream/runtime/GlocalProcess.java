package glocal.stream.runtime;

import glocal.model.train.OnlineTrainer;
import glocal.stream.GlocalMetrics;
import glocal.stream.app.GlocalStreamsApp;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.serde.GlocalSerdes;
import glocal.stream.trainer.TrainerService;
import glocal.stream.trainer.TrainerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The parts of Glocal one process runs: the stream side, the trainer, or both (the default single
 * process). Stream instances scale out by partitions; the trainer is the single consumer of
 * training-batches, so exactly one process runs it.
 */
public final class GlocalProcess implements AutoCloseable {

    /** What a process runs. */
    public enum Role {
        STREAMS,
        TRAINER
    }

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final GlocalStreamsApp streams;
    private final TrainerService trainer;
    private final KafkaStreamsMetrics streamsMetrics;

    private GlocalProcess(
            GlocalStreamsApp streams, TrainerService trainer, KafkaStreamsMetrics streamsMetrics) {
        this.streams = streams;
        this.trainer = trainer;
        this.streamsMetrics = streamsMetrics;
    }

    /**
     * Starts the given roles against {@code infra}; returns once the stream side is RUNNING. The
     * stream side is created (and its query port bound) before the trainer starts, so a port in use
     * fails the start before anything runs.
     */
    public static GlocalProcess start(
            GlocalStreamsConfig config, Set<Role> roles, Infrastructure infra, MeterRegistry meters)
            throws InterruptedException {
        GlocalSerdes serdes = GlocalSerdes.forUrl(infra.registryUrl());
        GlocalStreamsApp streams = null;
        TrainerService trainer = null;
        KafkaStreamsMetrics streamsMetrics = null;
        try {
            if (roles.contains(Role.STREAMS)) {
                streams =
                        new GlocalStreamsApp(
                                config,
                                infra.bootstrapServers(),
                                serdes,
                                new GlocalMetrics(meters),
                                new Properties());
                streamsMetrics = new KafkaStreamsMetrics(streams.streams());
                streamsMetrics.bindTo(meters);
            }
            if (roles.contains(Role.TRAINER)) {
                OnlineTrainer.configureThreads(
                        config.getInt(GlocalStreamsConfig.TRAIN_THREADS_CONFIG));
                trainer =
                        new TrainerService(
                                TrainerSettings.from(config),
                                TrainerSettings.shadowSpecs(config),
                                infra.clientProperties(),
                                serdes,
                                meters,
                                Clock.systemUTC());
                trainer.start();
            }
            if (streams != null) {
                streams.start(STARTUP_TIMEOUT);
            }
            return new GlocalProcess(streams, trainer, streamsMetrics);
        } catch (InterruptedException | RuntimeException e) {
            new GlocalProcess(streams, trainer, streamsMetrics).close();
            throw e;
        }
    }

    public static Set<Role> allRoles() {
        return EnumSet.allOf(Role.class);
    }

    public Optional<GlocalStreamsApp> streams() {
        return Optional.ofNullable(streams);
    }

    public Optional<TrainerService> trainer() {
        return Optional.ofNullable(trainer);
    }

    /** True when the stream side or the trainer stopped with an error. */
    public boolean failed() {
        boolean streamsFailed = streams != null && streams.failure() != null;
        boolean trainerFailed = trainer != null && !trainer.isRunning();
        return streamsFailed || trainerFailed;
    }

    /**
     * Records the stream side has processed so far (all source topics), or 0 without a stream side.
     */
    public long recordsProcessed() {
        if (streams == null) {
            return 0;
        }
        double total = 0;
        for (var e : streams.streams().metrics().entrySet()) {
            var name = e.getKey();
            if (name.name().equals("process-total")
                    && name.group().equals("stream-thread-metrics")) {
                Object v = e.getValue().metricValue();
                if (v instanceof Number n) {
                    total += n.doubleValue();
                }
            }
        }
        return (long) total;
    }

    @Override
    public void close() {
        // Streams first, so the trainer can drain the last batches it already has.
        if (streams != null) {
            streams.close();
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (trainer != null) {
            trainer.close();
        }
    }
}
