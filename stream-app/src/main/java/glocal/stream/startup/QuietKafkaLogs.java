package glocal.stream.startup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Silences the Kafka clients' loggers while a start-up check runs: an unreachable broker makes them
 * log a WARN line per reconnect attempt, and the check reports the failure in one line of its own.
 */
final class QuietKafkaLogs {

    private static final String KAFKA = "org.apache.kafka";

    private QuietKafkaLogs() {}

    static <T> T during(Supplier<T> check) {
        if (!(LoggerFactory.getLogger(KAFKA) instanceof Logger logger)) {
            return check.get(); // another SLF4J binding: leave its levels alone
        }
        Level before = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            return check.get();
        } finally {
            logger.setLevel(before);
        }
    }
}
