package glocal.model.evaluation;

import glocal.model.batch.ExampleKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import glocal.model.batch.ExampleBatch;
import glocal.model.sampling.UserSampler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSamplingTest {

  private static final long HOUR = 3_600_000L;

  /** 200 users; user i views (plays) i % 10 + 1 times, an hour apart, interleaved in time. */
  private static List<ExampleBatch> views() {
    ExampleBatch.Builder b = ExampleBatch.builder("b0");
    for (int round = 0; round < 10; round++) {
      for (int u = 0; u < 200; u++) {
        if (round < u % 10 + 1) {
          b.add("u" + u, "t" + round, "US", 0, 0, ExampleKind.PLAY, 1f, 1f, round * HOUR + u);
          b.add("u" + u, "neg" + round, "US", 0, 0, ExampleKind.NEGATIVE, 0f, 1f, round * HOUR + u);
        }
      }
    }
    ExampleBatch all = b.build();
    // Two batches, cut in the middle: the activity count must carry across batches.
    int half = all.size() / 2;
    return List.of(slice(all, 0, half, "b0"), slice(all, half, all.size(), "b1"));
  }

  private static ExampleBatch slice(ExampleBatch a, int from, int to, String id) {
    ExampleBatch.Builder b = ExampleBatch.builder(id);
    for (int i = from; i < to; i++) {
      b.add(a.userIds()[i], a.titleIds()[i], a.territories()[i], 0, 0, ExampleKind.of(a.exampleKinds()[i]), a.play()[i], 1f,
          a.eventTimes()[i]);
    }
    return b.build();
  }

  @Test
  void randomSamplingKeepsWholeUsersAtTheRateAndEveryRowOfThemInOrder() {
    List<ExampleBatch> in = views();
    List<ExampleBatch> out = new UserSampling(0.5, 0.0, 5, 24 * HOUR, 3).apply(in);
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
  void upsamplingAddsActiveUsersRowsOnlyFromTheirKthViewInTheWindow() {
    List<ExampleBatch> in = views();
    List<ExampleBatch> random = new UserSampling(0.5, 0.0, 5, 24 * HOUR, 3).apply(in);
    List<ExampleBatch> upsampled = new UserSampling(0.5, 1.0, 5, 24 * HOUR, 3).apply(in);
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
        // Rows are kept from the 5th play on (negatives do not count as views): titles t4 .. t9.
        int round = Integer.parseInt(u.titleIds()[j].replaceAll("\\D", ""));
        assertThat(round).isGreaterThanOrEqualTo(4);
      }
      assertThat(randomRows).isEqualTo(random.get(k).size());
    }
    // Users with u % 10 >= 4 reach 5 plays; about half of them are outside the random set.
    assertThat(activeRows).isPositive();
  }

  @Test
  void viewsOlderThanTheWindowDoNotMakeAUserActive() {
    List<ExampleBatch> in = views();
    // Plays are an hour apart: in a 3-hour window nobody ever has 5, so no row and no batch is kept.
    assertThat(new UserSampling(0.0, 1.0, 5, 3 * HOUR, 3).apply(in)).isEmpty();
    assertThat(new UserSampling(0.0, 1.0, 5, 5 * HOUR, 3).apply(in)).isNotEmpty();
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> new UserSampling(2, 0, 5, 1, 1)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> new UserSampling(0.5, 0, 0, 1, 1)).hasMessageContaining("active threshold");
    assertThatThrownBy(() -> new UserSampling(0.5, 0, 5, 0, 1)).hasMessageContaining("active window");
  }
}
