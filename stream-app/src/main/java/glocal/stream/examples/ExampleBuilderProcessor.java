package glocal.stream.examples;

import glocal.model.sampling.Hashing;
import glocal.model.sampling.UserSampler;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import glocal.stream.activity.ActiveView;
import glocal.stream.territory.TerritoryCountProcessor;
import glocal.stream.territory.TerritoryGrouping;
import glocal.stream.territory.TerritoryPopularity;
import glocal.stream.territory.ViewershipGrouping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
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
 *
 * <p>The keys of {@value #PENDING_STORE} are mirrored in memory in event-time order (rebuilt from
 * the store in {@link #init}), so the expiry punctuator touches only the impressions that are due
 * instead of scanning the store, and a PLAY deletes from the store only when an impression of the
 * same user and title is actually pending (no tombstone per play).
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
  private static final long EARLY_REFRESH_MIN_GAP_MS = 1_000;

  private NegativeSampler sampler = NegativeSampler.empty();
  private long lastCatalogueWallMs = Long.MIN_VALUE / 2;
  private boolean scheduledRefreshSeen;
  private TerritoryGrouping grouping;
  private boolean groupingFromData;
  private long lastRegroupWallMs;
  /** The pending store's keys by (event time, key): the order impressions are emitted in. */
  private final TreeSet<PendingKey> pendingByTime = new TreeSet<>(PendingKey.ORDER);
  /** Event time of each pending key, to find its entry in {@link #pendingByTime}. */
  private final Map<String, Long> pendingTimes = new HashMap<>();

  private record PendingKey(long eventTime, String key) {
    static final Comparator<PendingKey> ORDER =
        Comparator.comparingLong(PendingKey::eventTime).thenComparing(PendingKey::key);
  }

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
    // init runs after restoration (and again when a task is revived): mirror what the store holds.
    pendingByTime.clear();
    pendingTimes.clear();
    try (KeyValueIterator<String, Example> it = pending.all()) {
      while (it.hasNext()) {
        KeyValue<String, Example> kv = it.next();
        track(kv.key, kv.value.eventTime());
      }
    }
    refreshCatalogue(context.currentSystemTimeMs());
    context.schedule(java.time.Duration.ofMillis(Math.max(1, policy.impressionWindowMs() / 4)),
        PunctuationType.STREAM_TIME, this::expireImpressions);
    context.schedule(java.time.Duration.ofMillis(policy.catalogueRefreshMs()),
        PunctuationType.WALL_CLOCK_TIME, this::scheduledRefresh);
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
      Long pendingTime = pendingTimes.remove(pendingKey);
      if (pendingTime != null) {
        pendingByTime.remove(new PendingKey(pendingTime, pendingKey));
        pending.put(pendingKey, null); // a delete without reading back the old value
      }
      if (source != UserSampler.DROP) {
        emitPlay(av, source);
      }
    } else if (source != UserSampler.DROP) {
      Example impression = example(av, view.getTitleId(), Example.IMPRESSION, source, 0f, 0f, 0f, 0f);
      track(pendingKey, impression.eventTime());
      pending.put(pendingKey, impression);
    }
  }

  /** Records that {@code key} is pending with this event time (replacing an earlier one). */
  private void track(String key, long eventTime) {
    Long old = pendingTimes.put(key, eventTime);
    if (old != null) {
      pendingByTime.remove(new PendingKey(old, key));
    }
    pendingByTime.add(new PendingKey(eventTime, key));
  }

  private void emitPlay(ActiveView av, int source) {
    ViewEvent view = av.view();
    Float ratio = view.getWatchRatio();
    List<Example> out = new ArrayList<>(1 + policy.negativesPerPositive());
    out.add(example(av, view.getTitleId(), Example.PLAY, source, 1f,
        view.getFinished() ? 1f : 0f, view.getSkipped() ? 1f : 0f, ratio == null ? 0f : ratio));
    if (policy.negativesPerPositive() > 0) {
      // Seeded by the event id: given the same catalogue, a replay draws the same negatives.
      long seed = policy.seed() ^ Hashing.hash(view.getEventId(), 0);
      List<String> exclude = av.activity() == null ? List.of(view.getTitleId()) : av.activity().recentTitles();
      for (String title : negatives(view.getTerritory(), exclude, seed)) {
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

  /** Emits, in (event time, key) order, exactly the impressions whose window has passed. */
  private void expireImpressions(long streamTime) {
    Iterator<PendingKey> it = pendingByTime.iterator();
    while (it.hasNext()) {
      PendingKey due = it.next();
      if (due.eventTime() + policy.impressionWindowMs() > streamTime) {
        break;
      }
      it.remove();
      pendingTimes.remove(due.key());
      Example impression = pending.get(due.key());
      pending.put(due.key(), null);
      emit(List.of(impression));
    }
  }

  /**
   * Negatives for a play. Until the first scheduled refresh (the first seconds of a run), a
   * catalogue that yields fewer than k is rebuilt early, at most once a second of wall time, and
   * sampled again, so a fast start does not train on positives alone. Later, a small catalogue
   * waits for the schedule: rebuilding the whole catalogue every second would cost more than the
   * negatives it adds.
   */
  private List<String> negatives(String territory, List<String> exclude, long seed) {
    int k = policy.negativesPerPositive();
    List<String> titles = sampler.sample(territory, k, exclude, new SplittableRandom(seed));
    long now = context.currentSystemTimeMs();
    if (titles.size() < k && !scheduledRefreshSeen && now - lastCatalogueWallMs >= EARLY_REFRESH_MIN_GAP_MS) {
      refreshCatalogue(now);
      titles = sampler.sample(territory, k, exclude, new SplittableRandom(seed));
    }
    return titles;
  }

  private void scheduledRefresh(long wallMs) {
    scheduledRefreshSeen = true;
    refreshCatalogue(wallMs);
  }

  private void refreshCatalogue(long wallMs) {
    lastCatalogueWallMs = wallMs;
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
