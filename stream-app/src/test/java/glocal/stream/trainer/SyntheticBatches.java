package glocal.stream.trainer;

import glocal.model.batch.ExampleKind;
import glocal.model.batch.ExampleBatch;
import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import java.util.ArrayList;
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
      ExampleBatch.Builder batch = ExampleBatch.builder("synthetic-0-" + b, size).groupingVersion(1);
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
        boolean isPlay = v.type() == ViewType.PLAY;
        batch.add(v.userId(), v.titleId(), v.territory(), world.region(v.territory()).ordinal() % 4, 1,
            isPlay ? ExampleKind.PLAY : ExampleKind.IMPRESSION, ExampleBatch.SOURCE_RANDOM,
            isPlay ? 1f : 0f, v.finished() ? 1f : 0f, v.skipped() ? 1f : 0f, v.watchRatio(), 1f, v.eventTimeMs());
      }
      out.add(batch.build());
    }
    return out;
  }
}
