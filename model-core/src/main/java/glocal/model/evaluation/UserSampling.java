package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.sampling.UserSampler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream's user sampling applied offline to the shared training batches: a row is kept when
 * its user is in the random set, or is active at that moment (at least {@code activeThreshold}
 * plays or unplayed impressions in the trailing {@code activeWindowMs} of event time, counted in
 * the batches' order) and in the disjoint active set. Kept rows carry their source. With the
 * active rate 0 this is plain random user sampling, the data reduction that upsampling repairs.
 *
 * @param randomRate p, share of users kept at random
 * @param activeRate share of the remaining active users added (0 = no upsampling)
 */
public record UserSampling(double randomRate, double activeRate, int activeThreshold, long activeWindowMs,
    long seed) {

  /** The stream's defaults ({@code glocal.sample.*}, {@code glocal.activity.*}). */
  public static UserSampling streamDefaults(boolean upsampleActive, long seed) {
    return new UserSampling(0.5, upsampleActive ? 0.5 : 0.0, 5, 7 * 86_400_000L, seed);
  }

  public UserSampling {
    if (activeThreshold < 1) {
      throw new IllegalArgumentException("active threshold must be >= 1, got " + activeThreshold);
    }
    if (activeWindowMs < 1) {
      throw new IllegalArgumentException("active window must be >= 1 ms, got " + activeWindowMs);
    }
    new UserSampler(randomRate, activeRate, seed); // validates the rates
  }

  /** The kept rows of each batch under the batch's id, in order; a batch with no kept row is left out. */
  public List<ExampleBatch> apply(List<ExampleBatch> batches) {
    UserSampler sampler = new UserSampler(randomRate, activeRate, seed);
    Map<String, ArrayDeque<Long>> recent = new HashMap<>();
    List<ExampleBatch> out = new ArrayList<>(batches.size());
    for (ExampleBatch b : batches) {
      ExampleBatch.Builder kept = ExampleBatch.builder(b.batchId(), b.size()).groupingVersion(b.groupingVersion());
      for (int i = 0; i < b.size(); i++) {
        String user = b.userIds()[i];
        long t = b.eventTimes()[i];
        ArrayDeque<Long> times = recent.computeIfAbsent(user, u -> new ArrayDeque<>());
        if (b.exampleKinds()[i] != ExampleKind.NEGATIVE.code()) {
          times.addLast(t);
        }
        while (!times.isEmpty() && times.peekFirst() <= t - activeWindowMs) {
          times.pollFirst();
        }
        int source = sampler.source(user, times.size() >= activeThreshold);
        if (source != UserSampler.DROP) {
          kept.add(user, b.titleIds()[i], b.territories()[i], b.territoryGroups()[i], b.activityGroups()[i],
              ExampleKind.of(b.exampleKinds()[i]), source, b.play()[i], b.finished()[i], b.skipped()[i], b.watchRatio()[i],
              b.weights()[i], t);
        }
      }
      if (kept.size() > 0) {
        out.add(kept.build());
      }
    }
    return out;
  }
}
