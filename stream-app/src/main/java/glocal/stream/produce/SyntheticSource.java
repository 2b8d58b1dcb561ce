package glocal.stream.produce;

import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import java.time.Clock;

/**
 * The synthetic world a producer publishes. Its views are dated so that the last one falls about
 * now: views carry their event time as the Kafka record timestamp, and brokers reject timestamps
 * far in the future (Kafka 4's {@code message.timestamp.after.max.ms} is one hour) and delete data
 * older than the topic's retention.
 */
public final class SyntheticSource {

    private SyntheticSource() {}

    public static SyntheticWorld world(
            SyntheticConfig config, long seed, long events, Clock clock) {
        long span = Math.multiplyExact(events, config.meanEventGapMs());
        long start = Math.max(0, clock.millis() - span);
        return new SyntheticWorld(config.toBuilder().startTimeMs(start).build(), seed);
    }
}
