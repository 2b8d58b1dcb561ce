package glocal.stream.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplingTest {

  @Test
  void negativesFollowPopularityToTheBetaAndSkipExcludedTitles() {
    Map<String, Long> counts = Map.of("a", 100L, "b", 1600L, "c", 1L, "seen", 5000L);
    NegativeSampler sampler = new NegativeSampler(Map.of("US", counts), 0.5);
    SplittableRandom rng = new SplittableRandom(1);
    Map<String, Integer> hits = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      for (String t : sampler.sample("US", 1, Set.of("seen"), rng)) {
        hits.merge(t, 1, Integer::sum);
      }
    }
    assertThat(hits).doesNotContainKey("seen");
    // weights 10 : 40 : 1 over the three remaining titles
    assertThat(hits.get("b") / (double) hits.get("a")).isCloseTo(4.0, within(0.3));
    assertThat(hits.get("c") / 20_000.0).isCloseTo(1 / 51.0, within(0.005));
  }

  @Test
  void negativesAreDistinctAndLimitedByTheCatalogue() {
    NegativeSampler sampler = new NegativeSampler(Map.of("US", Map.of("a", 1L, "b", 1L, "c", 1L)), 0.75);
    List<String> drawn = sampler.sample("US", 5, Set.of("a"), new SplittableRandom(3));
    assertThat(drawn).containsExactlyInAnyOrder("b", "c");
    assertThat(sampler.sample("BR", 5, Set.of(), new SplittableRandom(3))).isEmpty();
  }

  @Test
  void packedColumnsRoundTripLittleEndian() {
    ByteBuffer ints = PackedColumns.ints(new int[] {1, -2, 300});
    assertThat(ints.array()).startsWith((byte) 1, (byte) 0, (byte) 0, (byte) 0, (byte) 0xFE);
    assertThat(PackedColumns.toInts(ints)).containsExactly(1, -2, 300);
    assertThat(PackedColumns.toFloats(PackedColumns.floats(new float[] {0.5f, 1f}))).containsExactly(0.5f, 1f);
    assertThat(PackedColumns.toLongs(PackedColumns.longs(new long[] {Long.MAX_VALUE, 3}))).containsExactly(Long.MAX_VALUE, 3);
  }
}
