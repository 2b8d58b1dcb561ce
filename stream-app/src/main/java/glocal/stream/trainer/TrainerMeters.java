package glocal.stream.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicReference;

/** The trainer's own meters: batches and examples trained, rejections, step time and gauges. */
final class TrainerMeters {

    static final String REJECTED_BATCHES = "glocal.trainer.batches.rejected";
    static final String WEIGHTS_REPLACED = "glocal.trainer.weights.replaced";

    final Counter batches;
    final Counter examples;
    final Counter rejected;
    final Counter weightsReplaced;
    final Timer step;
    final AtomicReference<Double> loss = new AtomicReference<>(Double.NaN);
    final AtomicReference<Double> lag = new AtomicReference<>(0.0);
    final AtomicReference<Double> weightedUsers = new AtomicReference<>(0.0);

    TrainerMeters(MeterRegistry meters) {
        this.batches = Counter.builder("glocal.trainer.batches").register(meters);
        this.examples = Counter.builder("glocal.trainer.examples").register(meters);
        this.rejected =
                Counter.builder(REJECTED_BATCHES)
                        .description(
                                "batches not applied because their loss or a gradient was not finite")
                        .register(meters);
        this.weightsReplaced =
                Counter.builder(WEIGHTS_REPLACED)
                        .description(
                                "batch weights trained as 1 because they were not finite or outside the clip")
                        .register(meters);
        this.step =
                Timer.builder("glocal.trainer.step")
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(meters);
        meters.gauge("glocal.trainer.loss", loss, AtomicReference::get);
        meters.gauge("glocal.trainer.lag.batches", lag, AtomicReference::get);
        meters.gauge("glocal.trainer.weights.weighted.users", weightedUsers, AtomicReference::get);
    }

    /** The age of the last checkpoint written or restored, NaN before there is one. */
    static void checkpointAge(MeterRegistry meters, TrainerCheckpoints checkpoints) {
        meters.gauge(
                "glocal.trainer.checkpoint.age.seconds",
                checkpoints,
                TrainerCheckpoints::ageSeconds);
    }
}
