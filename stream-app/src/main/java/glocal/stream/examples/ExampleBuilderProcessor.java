package glocal.stream.examples;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import glocal.stream.activity.ActiveView;
import glocal.stream.territory.TerritoryCountProcessor;
import glocal.stream.territory.TerritoryGrouping;
import glocal.stream.territory.TerritoryPopularity;
import glocal.stream.territory.ViewershipGrouping;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Turns views into training examples.
 *
 * <ul>
 *   <li>A PLAY is a positive, followed by k negatives drawn from its territory's catalogue
 *       ∝ popularity^β, excluding the user's recent titles.
 *   <li>An IMPRESSION waits in {@value #PENDING_STORE}; a PLAY of the same user and title within
 *       the impression window cancels it, otherwise a stream-time punctuator emits it as an
 *       explicit negative once stream time passes its event time plus the window.
 *   <li>Only sampled users produce examples ({@link UserSampler}); each example carries the
 *       user's adaptive weight from {@value #USER_WEIGHTS_STORE} (1 until the trainer writes one).
 * </ul>
 *
 * The sampler's popularity tables and a computed territory grouping are rebuilt from the counter
 * store on a wall-clock schedule, never per event.
 */
public final class ExampleBuilderProcessor implements Processor<String, ActiveView, String, List<Example>> {

  public static final String PENDING_STORE = "pending-impressions";
  public static final String USER_WEIGHTS_STORE = "user-weights-store";

  private final ExamplePolicy policy;
  private final GlocalMetrics metrics;
  private ProcessorContext<String, List<Example>> context;
  private KeyValueStore<String, Example> pending;
  private ReadOnlyKeyValueStore<String, Float> weights;
  private WindowStore<String, Long> counts;
  private NegativeSampler sampler = NegativeSampler.empty();
  private TerritoryGrouping grouping;
  private boolean groupingFromData;
  private long lastRegroupWallMs;

  public ExampleBuilderProcessor(ExamplePolicy policy, GlocalMetrics metrics) {
    this.policy = policy;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, List<Example>> context) {
    this.context = context;
    this.pending = context.getStateStore(PENDING_STORE);
    this.weights = context.getStateStore(USER_WEIGHTS_STORE);
    this.counts = context.getStateStore(TerritoryCountProcessor.TERRITORY_TITLE_STORE);
    this.grouping = policy.initialGrouping();
    refreshCatalogue(context.currentSystemTimeMs());
    context.schedule(java.time.Duration.ofMillis(Math.max(1, policy.impressionWindowMs() / 4)),
        PunctuationType.STREAM_TIME, this::expireImpressions);
    context.schedule(java.time.Duration.ofMillis(policy.catalogueRefreshMs()),
        PunctuationType.WALL_CLOCK_TIME, this::refreshCatalogue);
  }

  /** The grouping examples currently use (tests and queries). */
  public TerritoryGrouping grouping() {
    return grouping;
  }

  @Override
  public void process(Record<String, ActiveView> record) {
    ActiveView av = record.value();
    ViewEvent view = av.view();
    String pendingKey = TerritoryCountProcessor.territoryTitleKey(view.getUserId(), view.getTitleId());
    int source = policy.userSampler().source(view.getUserId(), av.active());
    if (view.getEventType() == EventType.PLAY) {
      pending.delete(pendingKey);
      if (source != UserSampler.DROP) {
        emitPlay(av, source);
      }
    } else if (source != UserSampler.DROP) {
      pending.put(pendingKey, example(av, view.getTitleId(), Example.IMPRESSION, source, 0f, 0f, 0f, 0f));
    }
  }

  private void emitPlay(ActiveView av, int source) {
    ViewEvent view = av.view();
    Float ratio = view.getWatchRatio();
    List<Example> out = new ArrayList<>(1 + policy.negativesPerPositive());
    out.add(example(av, view.getTitleId(), Example.PLAY, source, 1f,
        view.getFinished() ? 1f : 0f, view.getSkipped() ? 1f : 0f, ratio == null ? 0f : ratio));
    if (policy.negativesPerPositive() > 0) {
      // Seeded by the event id: a replay draws the same negatives whatever else the task saw.
      SplittableRandom rng = new SplittableRandom(policy.seed() ^ Hashing.hash(view.getEventId(), 0));
      List<String> exclude = av.activity() == null ? List.of(view.getTitleId()) : av.activity().recentTitles();
      for (String title : sampler.sample(view.getTerritory(), policy.negativesPerPositive(), exclude, rng)) {
        out.add(example(av, title, Example.SAMPLED, source, 0f, 0f, 0f, 0f));
      }
    }
    emit(out);
  }

  private Example example(ActiveView av, String titleId, int kind, int source,
      float play, float finished, float skipped, float ratio) {
    ViewEvent v = av.view();
    Float w = weights.get(v.getUserId());
    return new Example(v.getUserId(), titleId, v.getTerritory(), grouping.groupOf(v.getTerritory()),
        grouping.version(), av.group().ordinal(), kind, source, play, finished, skipped, ratio,
        w == null ? 1f : w, v.getEventTime().toEpochMilli());
  }

  /** Forwards the examples of one view together, so the batcher stores them as one entry. */
  private void emit(List<Example> examples) {
    for (Example e : examples) {
      metrics.example(e.kind());
    }
    Example first = examples.get(0);
    context.forward(new Record<>(first.userId(), examples, first.eventTime()));
  }

  private void expireImpressions(long streamTime) {
    List<KeyValue<String, Example>> due = new ArrayList<>();
    try (KeyValueIterator<String, Example> it = pending.all()) {
      while (it.hasNext()) {
        KeyValue<String, Example> kv = it.next();
        if (kv.value.eventTime() + policy.impressionWindowMs() <= streamTime) {
          due.add(kv);
        }
      }
    }
    // Emit in event-time order so batches do not depend on the store's key order.
    due.sort(java.util.Comparator.comparingLong((KeyValue<String, Example> kv) -> kv.value.eventTime())
        .thenComparing(kv -> kv.key));
    for (KeyValue<String, Example> kv : due) {
      pending.delete(kv.key);
      emit(List.of(kv.value));
    }
  }

  private void refreshCatalogue(long wallMs) {
    TerritoryPopularity popularity;
    try (KeyValueIterator<Windowed<String>, Long> it = counts.all()) {
      popularity = TerritoryPopularity.fromWindows(it);
    }
    sampler = new NegativeSampler(popularity.byTerritory(), policy.beta());
    boolean due = !groupingFromData || wallMs - lastRegroupWallMs >= policy.regroupIntervalMs();
    if (!policy.groupsConfigured() && due && !popularity.byTerritory().isEmpty()) {
      grouping = ViewershipGrouping.compute(popularity.byTerritory(), policy.groupCount());
      groupingFromData = true;
      lastRegroupWallMs = wallMs;
    }
  }
}
