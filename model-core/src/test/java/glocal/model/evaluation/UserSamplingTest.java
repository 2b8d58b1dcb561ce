package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.sampling.UserSampler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSamplingTest {

    /**
     * 200 users, ten rows each in two batches, as {@link UserSampler#everyone()} tags them: user i
     * is active (tagged SOURCE_ACTIVE) from its (i % 10)-th row on.
     */
    private static List<ExampleBatch> rows() {
        List<ExampleBatch> out = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
            ExampleBatch.Builder b = ExampleBatch.builder("b" + half);
            for (int round = half * 5; round < half * 5 + 5; round++) {
                for (int u = 0; u < 200; u++) {
                    int source =
                            round >= u % 10
                                    ? ExampleBatch.SOURCE_ACTIVE
                                    : ExampleBatch.SOURCE_RANDOM;
                    b.add(
                            "u" + u,
                            "t" + round,
                            "US",
                            0,
                            0,
                            ExampleKind.PLAY,
                            source,
                            1f,
                            0f,
                            0f,
                            0.5f,
                            1f,
                            round * 1000L + u);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void randomSamplingKeepsWholeUsersAtTheRateAndEveryRowOfThemInOrder() {
        List<ExampleBatch> in = rows();
        List<ExampleBatch> out = new UserSampling(0.5, 0.0, 3).apply(in);
        assertThat(out).extracting(ExampleBatch::batchId).containsExactly("b0", "b1");
        UserSampler sampler = new UserSampler(0.5, 0.0, 3);
        Set<String> kept = new HashSet<>();
        for (int k = 0; k < in.size(); k++) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < in.get(k).size(); i++) {
                if (sampler.source(in.get(k).userIds()[i], false) == ExampleBatch.SOURCE_RANDOM) {
                    expected.add(i);
                }
            }
            ExampleBatch o = out.get(k);
            assertThat(o.size()).isEqualTo(expected.size());
            for (int j = 0; j < o.size(); j++) {
                int i = expected.get(j);
                assertThat(o.userIds()[j]).isEqualTo(in.get(k).userIds()[i]);
                assertThat(o.titleIds()[j]).isEqualTo(in.get(k).titleIds()[i]);
                assertThat(o.eventTimes()[j]).isEqualTo(in.get(k).eventTimes()[i]);
                assertThat(o.sampleSources()[j]).isEqualTo(ExampleBatch.SOURCE_RANDOM);
                kept.add(o.userIds()[j]);
            }
        }
        assertThat(kept.size() / 200.0).isCloseTo(0.5, within(0.1));
    }

    @Test
    void upsamplingAddsTheRowsWhereAUserOutsideTheRandomSetWasActive() {
        List<ExampleBatch> in = rows();
        List<ExampleBatch> random = new UserSampling(0.5, 0.0, 3).apply(in);
        List<ExampleBatch> upsampled = new UserSampling(0.5, 1.0, 3).apply(in);
        int activeRows = 0;
        for (int k = 0; k < in.size(); k++) {
            ExampleBatch u = upsampled.get(k);
            int randomRows = 0;
            for (int j = 0; j < u.size(); j++) {
                if (u.sampleSources()[j] == ExampleBatch.SOURCE_RANDOM) {
                    randomRows++;
                    continue;
                }
                activeRows++;
                int user = Integer.parseInt(u.userIds()[j].substring(1));
                int round = Integer.parseInt(u.titleIds()[j].substring(1));
                assertThat(round).isGreaterThanOrEqualTo(user % 10);
            }
            assertThat(randomRows).isEqualTo(random.get(k).size());
        }
        assertThat(activeRows).isPositive();
        assertThat(new UserSampling(0.0, 0.0, 3).apply(in))
                .as("nobody sampled: no batch")
                .isEmpty();
    }

    @Test
    void badRatesAreRejected() {
        assertThatThrownBy(() -> new UserSampling(2, 0, 1)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new UserSampling(0.5, -0.1, 1)).hasMessageContaining("[0, 1]");
    }
}
