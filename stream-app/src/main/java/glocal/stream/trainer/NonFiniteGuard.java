package glocal.stream.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's last check before a number leaves it: a vector, weight or metric that holds NaN or
 * an infinity is not sent (consumers keep the last finite value they read), counted in {@value
 * #WITHHELD}{@code {kind}} and logged once per kind, so a fault shows in the metrics without
 * flooding the log. Used on the trainer thread only.
 */
final class NonFiniteGuard {

    static final String WITHHELD = "glocal.trainer.nonfinite.withheld";
    static final String USER_EMBEDDING = "user-embedding";
    static final String TITLE_EMBEDDING = "title-embedding";
    static final String USER_WEIGHT = "user-weight";
    static final String METRIC = "metric";

    private static final Logger log = LoggerFactory.getLogger(NonFiniteGuard.class);

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    NonFiniteGuard(MeterRegistry meters) {
        this.meters = meters;
        for (String kind : new String[] {USER_EMBEDDING, TITLE_EMBEDDING, USER_WEIGHT, METRIC}) {
            counter(kind);
        }
    }

    /** True when every value is finite; otherwise counts and (the first time for the kind) logs. */
    boolean admit(String kind, String key, float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                withhold(kind, key, v);
                return false;
            }
        }
        return true;
    }

    boolean admit(String kind, String key, double value) {
        if (Double.isFinite(value)) {
            return true;
        }
        withhold(kind, key, value);
        return false;
    }

    /** How many values of the kind were withheld so far. */
    double withheld(String kind) {
        return counter(kind).count();
    }

    private void withhold(String kind, String key, double value) {
        Counter c = counter(kind);
        if (c.count() == 0) {
            log.warn(
                    "not publishing a {} with a non-finite value ({} for key {}); further ones are only counted"
                            + " in {}{{kind=\"{}\"}}",
                    kind,
                    value,
                    key,
                    WITHHELD.replace('.', '_') + "_total",
                    kind);
        }
        c.increment();
    }

    private Counter counter(String kind) {
        return counters.computeIfAbsent(
                kind,
                k ->
                        Counter.builder(WITHHELD)
                                .tag("kind", k)
                                .description(
                                        "values the trainer did not publish because they were NaN or infinite")
                                .register(meters));
    }
}
