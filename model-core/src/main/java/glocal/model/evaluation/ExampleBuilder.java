package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.data.View;
import glocal.model.sampling.PopularitySampler;
import glocal.model.territory.TerritoryGrouping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a time-ordered view stream into training mini-batches the way the stream side labels
 * them: a play is a positive; an impression that no later play of the same user and title (within
 * the same stream) follows is a negative; each positive adds {@code negatives} sampled negatives
 * drawn ∝ popularity^β from the titles played so far in the user's territory (seeded). Activity
 * group from the user's plays so far: 0 new (under 2), 1 low (under 10), 2 high.
 *
 * <p>Stateful: {@link #training} advances the sampler and activity counts; {@link #test} then
 * labels a later stream with that state frozen and no sampled negatives.
 */
public final class ExampleBuilder {

  /** Batch size, sampled negatives per positive, their popularity exponent β, seed. */
  public record Config(int batchSize, int negatives, double beta, long seed) {
    public Config {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
      }
      if (negatives < 0) {
        throw new IllegalArgumentException("sampled negatives per positive must be >= 0, got " + negatives);
      }
    }

    public static Config defaults(long seed) {
      return new Config(256, 2, 0.75, seed);
    }
  }

  private final Config config;
  private final TerritoryGrouping grouping;
  private final PopularitySampler sampler;
  private final SplittableRandom random;
  private final Map<String, Integer> playsByUser = new HashMap<>();

  public ExampleBuilder(Config config, TerritoryGrouping grouping) {
    this.config = config;
    this.grouping = grouping;
    this.sampler = new PopularitySampler(config.beta());
    this.random = new SplittableRandom(config.seed());
  }

  /** Training batches with sampled negatives; ids {@code train-0}, {@code train-1}, ... */
  public List<ExampleBatch> training(List<View> views) {
    return label(views, "train", true);
  }

  /** Test batches: plays and unplayed impressions only; ids {@code test-0}, ... */
  public List<ExampleBatch> test(List<View> views) {
    return label(views, "test", false);
  }

  private List<ExampleBatch> label(List<View> views, String prefix, boolean train) {
    Map<String, Long> lastPlay = new HashMap<>();
    for (View v : views) {
      if (v.isPlay()) {
        lastPlay.merge(key(v), v.eventTimeMs(), Math::max);
      }
    }
    List<ExampleBatch> out = new ArrayList<>();
    Rows rows = new Rows(prefix);
    for (View v : views) {
      int group = grouping.group(v.territory());
      int activity = activity(v.userId());
      if (v.isPlay()) {
        rows.add(v.userId(), v.titleId(), v.territory(), group, activity, ExampleKind.PLAY, 1f,
            v.finished() ? 1f : 0f, v.skipped() ? 1f : 0f, v.watchRatio(), v.eventTimeMs());
        if (train) {
          for (int k = 0; k < config.negatives(); k++) {
            String negative = sampler.sample(v.territory(), random);
            if (negative != null && !negative.equals(v.titleId())) {
              rows.add(v.userId(), negative, v.territory(), group, activity, ExampleKind.NEGATIVE, 0f, 0f, 0f,
                  0f, v.eventTimeMs());
            }
          }
          sampler.played(v.territory(), v.titleId());
          playsByUser.merge(v.userId(), 1, Integer::sum);
        }
      } else {
        Long played = lastPlay.get(key(v));
        if (played == null || played < v.eventTimeMs()) {
          rows.add(v.userId(), v.titleId(), v.territory(), group, activity, ExampleKind.IMPRESSION, 0f, 0f,
              0f, 0f, v.eventTimeMs());
        }
      }
      if (rows.size() >= config.batchSize()) {
        out.add(rows.build());
      }
    }
    if (rows.size() > 0) {
      out.add(rows.build());
    }
    return out;
  }

  private int activity(String userId) {
    int plays = playsByUser.getOrDefault(userId, 0);
    return plays < 2 ? 0 : plays < 10 ? 1 : 2;
  }

  private static String key(View v) {
    return v.userId() + '\u0000' + v.titleId();
  }

  /** Rows of the batch being filled, straight into its columns; batches are named prefix-0, prefix-1, ... */
  private final class Rows {
    private final String prefix;
    private int index;
    private ExampleBatch.Builder batch;

    Rows(String prefix) {
      this.prefix = prefix;
      this.batch = ExampleBatch.builder(prefix + "-0", config.batchSize());
    }

    void add(String user, String title, String territory, int group, int activity, ExampleKind kind, float play,
        float finished, float skipped, float ratio, long time) {
      batch.add(user, title, territory, group, activity, kind, ExampleBatch.SOURCE_RANDOM, play, finished, skipped,
          ratio, 1f, time);
    }

    int size() {
      return batch.size();
    }

    ExampleBatch build() {
      ExampleBatch built = batch.build();
      batch = ExampleBatch.builder(prefix + "-" + ++index, config.batchSize());
      return built;
    }
  }
}
