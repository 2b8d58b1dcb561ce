package glocal.stream.trainer;

import glocal.model.batch.ExampleBatch;
import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Training batches straight from the synthetic generator, for trainer tests that need realistic
 * batches without running the topology: a play is a positive, an impression that no play of the
 * same title follows is a negative (the generator emits a play right after its impression), the
 * territory group is the territory's region.
 */
final class SyntheticBatches {

  private SyntheticBatches() {}

  static List<ExampleBatch> of(long seed, int batches, int size) {
    SyntheticWorld world = new SyntheticWorld(
        SyntheticConfig.defaults().toBuilder().users(2_000).globalTitles(300).build(), seed);
    Iterator<View> views = world.views(Long.MAX_VALUE);
    View pending = null;
    List<ExampleBatch> out = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      String[] users = new String[size];
      String[] titles = new String[size];
      String[] territories = new String[size];
      int[] groups = new int[size];
      int[] activity = new int[size];
      int[] kinds = new int[size];
      float[] play = new float[size];
      float[] finished = new float[size];
      float[] skipped = new float[size];
      float[] ratio = new float[size];
      float[] weights = new float[size];
      long[] times = new long[size];
      Arrays.fill(weights, 1f);
      for (int i = 0; i < size; i++) {
        View v = pending != null ? pending : views.next();
        pending = null;
        if (v.type() == ViewType.IMPRESSION) {
          View next = views.next();
          if (next.type() == ViewType.PLAY && next.userId().equals(v.userId())
              && next.titleId().equals(v.titleId())) {
            v = next;
          } else {
            pending = next;
          }
        }
        users[i] = v.userId();
        titles[i] = v.titleId();
        territories[i] = v.territory();
        groups[i] = world.region(v.territory()).ordinal() % 4;
        activity[i] = 1;
        boolean isPlay = v.type() == ViewType.PLAY;
        kinds[i] = isPlay ? ExampleBatch.KIND_PLAY : ExampleBatch.KIND_IMPRESSION;
        play[i] = isPlay ? 1f : 0f;
        finished[i] = v.finished() ? 1f : 0f;
        skipped[i] = v.skipped() ? 1f : 0f;
        ratio[i] = v.watchRatio();
        times[i] = v.eventTimeMs();
      }
      out.add(new ExampleBatch("synthetic-0-" + b, size, 1, users, titles, territories, groups, activity, kinds,
          new int[size], play, finished, skipped, ratio, weights, times));
    }
    return out;
  }
}
