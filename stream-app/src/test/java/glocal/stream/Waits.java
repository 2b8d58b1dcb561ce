package glocal.stream;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/** Awaitility waits the tests share. */
public final class Waits {

    private Waits() {}

    /**
     * A wait whose condition blocks by itself (a {@code KafkaConsumer.poll}, a future's timed get):
     * tried again at once, on the test's own thread (a consumer takes one thread only).
     */
    public static ConditionFactory blockingPolls(String what, Duration atMost) {
        return await(what)
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .pollInSameThread();
    }
}
