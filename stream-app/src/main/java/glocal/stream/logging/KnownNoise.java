package glocal.stream.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops the third-party log lines known to be noise a user can do nothing about, each named by its
 * logger and a piece of its message, e.g. the embedded broker closing a client twice at shutdown.
 * Every other line of the same logger, and every line of our own loggers, passes: a logger's real
 * warnings still reach the log. Configured in {@code logback.xml}:
 *
 * <pre>{@code
 * <turboFilter class="glocal.stream.logging.KnownNoise">
 *   <ignore>org.apache.kafka.clients.NetworkClient | already been closed</ignore>
 * </turboFilter>
 * }</pre>
 */
public final class KnownNoise extends TurboFilter {

    private record Rule(String logger, String fragment) {}

    private final List<Rule> rules = new ArrayList<>();

    /** One more ignored line: {@code "<logger name> | <piece of the message pattern>"}. */
    public void addIgnore(String spec) {
        int bar = spec.indexOf('|');
        String logger = bar < 0 ? "" : spec.substring(0, bar).strip();
        String fragment = bar < 0 ? "" : spec.substring(bar + 1).strip();
        if (logger.isEmpty() || fragment.isEmpty()) {
            throw new IllegalArgumentException(
                    "ignore '" + spec + "': give '<logger name> | <piece of the message>'");
        }
        rules.add(new Rule(logger, fragment));
    }

    @Override
    public FilterReply decide(
            Marker marker,
            Logger logger,
            Level level,
            String format,
            Object[] params,
            Throwable t) {
        if (format == null || level == null || level.isGreaterOrEqual(Level.ERROR)) {
            return FilterReply.NEUTRAL; // errors always pass
        }
        for (Rule rule : rules) {
            if (rule.logger().equals(logger.getName()) && format.contains(rule.fragment())) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
