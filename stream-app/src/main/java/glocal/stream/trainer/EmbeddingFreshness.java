package glocal.stream.trainer;

import glocal.model.batch.ExampleBatch;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How fresh the published user vectors are: for each user vector the trainer publishes, the seconds
 * from the newest view it includes (the event time of the user's newest trained example, which the
 * producers also set as the view's record timestamp) to its publication. Recorded in the histogram
 * {@value #METER} (Prometheus {@code glocal_embedding_freshness_seconds}) and summarised per
 * publication (p50, p95, p99) for the {@code training-metrics} topic. Holds the users trained since
 * the last publication only, so its memory follows a publication interval, not the user table. Not
 * thread-safe: the training thread observes and publishes.
 */
final class EmbeddingFreshness {

    static final String METER = "glocal.embedding.freshness";

    private final DistributionSummary histogram;
    private final Map<String, Long> newestViewMs = new HashMap<>();

    EmbeddingFreshness(MeterRegistry meters) {
        this.histogram =
                DistributionSummary.builder(METER)
                        .baseUnit("seconds")
                        .description(
                                "seconds from the newest view a published user vector includes to its publication")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(0.01)
                        .maximumExpectedValue(86_400.0)
                        .register(meters);
    }

    /** Notes the newest event time of each user of an applied batch. */
    void trained(ExampleBatch batch) {
        String[] users = batch.userIds();
        long[] times = batch.eventTimes();
        for (int i = 0; i < batch.size(); i++) {
            newestViewMs.merge(users[i], times[i], Math::max);
        }
    }

    /**
     * Records the freshness of the vectors just published for {@code users} and forgets every user
     * noted so far (the next publication starts from the next batch).
     *
     * @return the publication's percentiles, or null when none of {@code users} was noted
     */
    Summary published(Collection<String> users, Instant now) {
        double[] seconds = new double[users.size()];
        int n = 0;
        for (String user : users) {
            Long newest = newestViewMs.get(user);
            if (newest != null) {
                double s = Math.max(0, now.toEpochMilli() - newest) / 1000.0;
                histogram.record(s);
                seconds[n++] = s;
            }
        }
        newestViewMs.clear();
        if (n == 0) {
            return null;
        }
        Arrays.sort(seconds, 0, n);
        return new Summary(n, at(seconds, n, 0.50), at(seconds, n, 0.95), at(seconds, n, 0.99));
    }

    private static double at(double[] sorted, int n, double q) {
        return sorted[(int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
    }

    /** One publication's freshness: how many vectors, and their percentiles in seconds. */
    record Summary(int vectors, double p50, double p95, double p99) {}
}
