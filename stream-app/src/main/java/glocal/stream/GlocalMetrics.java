package glocal.stream;

import glocal.model.batch.ExampleKind;
import glocal.stream.validate.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The topology's Micrometer counters. Counters are looked up once here so the per-record cost is
 * one increment.
 */
public final class GlocalMetrics {

    public static final String DLQ_RECORDS = "glocal.views.dlq";
    public static final String DUPLICATES = "glocal.views.duplicates";
    public static final String EXAMPLES = "glocal.examples";
    public static final String BATCHES = "glocal.training.batches";
    public static final String USER_WEIGHTS_REPLACED = "glocal.user.weights.replaced";

    private final MeterRegistry registry;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter duplicates;
    private final Counter batches;
    private final Counter weightsReplaced;
    private final Counter[] examplesByKind = new Counter[ExampleKind.values().length];

    public GlocalMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RejectReason r : RejectReason.values()) {
            rejected.put(
                    r,
                    Counter.builder(DLQ_RECORDS)
                            .tag("reason", r.label())
                            .description("views sent to the dead-letter topic")
                            .register(registry));
        }
        duplicates =
                Counter.builder(DUPLICATES)
                        .description("views dropped as duplicates")
                        .register(registry);
        batches =
                Counter.builder(BATCHES).description("training batches written").register(registry);
        weightsReplaced =
                Counter.builder(USER_WEIGHTS_REPLACED)
                        .description(
                                "user-weights values read as 1 because they were not finite or outside the clip")
                        .register(registry);
        for (ExampleKind kind : ExampleKind.values()) {
            examplesByKind[kind.code()] =
                    Counter.builder(EXAMPLES).tag("kind", kind.label()).register(registry);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void example(ExampleKind kind) {
        examplesByKind[kind.code()].increment();
    }

    public void batch() {
        batches.increment();
    }

    public void userWeightReplaced() {
        weightsReplaced.increment();
    }
}
