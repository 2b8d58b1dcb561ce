package glocal.stream.examples;

import glocal.model.batch.ExampleKind;
import glocal.model.sampling.Hashing;
import glocal.model.sampling.UserSampler;
import glocal.model.territory.TerritoryGrouping;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import glocal.stream.activity.ActiveView;
import glocal.stream.state.TaskLocal;
import glocal.stream.state.WriteBehind;
import glocal.stream.territory.TerritoryCountProcessor;
import glocal.stream.territory.TerritoryCounts;
import glocal.stream.territory.TerritoryGroupsProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

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
 * Negatives come from the task's {@link TerritoryCounts#sampler()}, which follows every play; a
 * computed territory grouping is rebuilt from the same counts on a wall-clock schedule, never per
 * event.
 *
 * <p>{@value #PENDING_STORE} is mirrored in memory ({@link WriteBehind#mirrored}: it holds one
 * impression window of impressions) and indexed by event time (rebuilt from the store in {@link
 * #init}), so the expiry punctuator touches only the impressions that are due, and the store sees
 * one write per changed key per commit: an impression cancelled or expired before the commit that
 * would have stored it costs no store write at all.
 */
public final class ExampleBuilderProcessor implements Processor<String, ActiveView, String, Object> {

  public static final String PENDING_STORE = "pending-impressions";
  public static final String USER_WEIGHTS_STORE = "user-weights-store";

  private final ExamplePolicy policy;
  private final long popularityWindowMs;
  private final GlocalMetrics metrics;
  private final String examplesChild;
  private final String groupingsChild;
  private ProcessorContext<String, Object> context;
  private ReadOnlyKeyValueStore<String, TerritoryGrouping> published;
  /** Whether this task computes the grouping and publishes it (the task of views partition 0). */
  private boolean publisher;
  private WriteBehind<String, Example> pending;
  private ReadOnlyKeyValueStore<String, Float> weights;
  private TerritoryCounts counts;
  /** How often (wall clock) a computed grouping checks whether it is due. */
  private static final long GROUPING_CHECK_MS = 1_000;

  private TerritoryGrouping grouping;
  private boolean groupingFromData;
  private long lastRegroupWallMs;
  /** The pending store's keys by (event time, key): the order impressions are emitted in. */
  private final PriorityQueue<PendingKey> pendingByTime = new PriorityQueue<>();
  /**
   * Event time of each pending key. An entry of {@link #pendingByTime} whose key is no longer
   * pending at that time (cancelled by a play, or replaced by a later impression) is skipped when it
   * reaches the head: removing it from the heap would cost a linear search.
   */
  private final Map<String, Long> pendingTimes = new HashMap<>();

  private record PendingKey(long eventTime, String key) implements Comparable<PendingKey> {
    @Override
    public int compareTo(PendingKey o) {
      int byTime = Long.compare(eventTime, o.eventTime);
      return byTime != 0 ? byTime : key.compareTo(o.key);
    }
  }

  /**
   * @param examplesChild the child that gets each view's examples (the batcher)
   * @param groupingsChild the sink of {@code territory-groups}, where a computed grouping is published
   */
  public ExampleBuilderProcessor(ExamplePolicy policy, long popularityWindowMs, GlocalMetrics metrics,
      String examplesChild, String groupingsChild) {
    this.policy = policy;
    this.popularityWindowMs = popularityWindowMs;
    this.metrics = metrics;
    this.examplesChild = examplesChild;
    this.groupingsChild = groupingsChild;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.published = context.getStateStore(TerritoryGroupsProcessor.STORE);
    this.publisher = context.taskId().partition() == 0;
    KeyValueStore<String, Example> pendingStore = context.getStateStore(PENDING_STORE);
    this.weights = context.getStateStore(USER_WEIGHTS_STORE);
    this.counts = TerritoryCounts.of(context, popularityWindowMs, policy.beta());
    this.grouping = policy.initialGrouping();
    // init runs after restoration (and again when a task is revived): mirror what the store holds.
    pending = WriteBehind.mirrored(pendingStore);
    TaskLocal local = context.getStateStore(TaskLocal.STORE);
    local.beforeCommit(pending::writeDirty);
    pendingByTime.clear();
    pendingTimes.clear();
    pending.forEach((key, impression) -> track(key, impression.eventTime()));
    context.schedule(java.time.Duration.ofMillis(Math.max(1, policy.impressionWindowMs() / 4)),
        PunctuationType.STREAM_TIME, this::expireImpressions);
    if (!policy.groupsConfigured()) {
      groupingFromData = false;
      regroupIfDue(context.currentSystemTimeMs());
      context.schedule(java.time.Duration.ofMillis(GROUPING_CHECK_MS), PunctuationType.WALL_CLOCK_TIME,
          this::regroupIfDue);
    }
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
      if (pendingTimes.remove(pendingKey) != null) {
        pending.delete(pendingKey);
      }
      if (source != UserSampler.DROP) {
        emitPlay(av, source);
      }
    } else if (source != UserSampler.DROP) {
      Example impression = example(av, view.getTitleId(), ExampleKind.IMPRESSION, source, 0f, 0f, 0f, 0f, weight(view));
      track(pendingKey, impression.eventTime());
      pending.put(pendingKey, impression);
    }
  }

  /** Records that {@code key} is pending with this event time (replacing an earlier one). */
  private void track(String key, long eventTime) {
    pendingTimes.put(key, eventTime);
    pendingByTime.add(new PendingKey(eventTime, key));
  }

  private void emitPlay(ActiveView av, int source) {
    ViewEvent view = av.view();
    Float ratio = view.getWatchRatio();
    float weight = weight(view);
    List<Example> out = new ArrayList<>(1 + policy.negativesPerPositive());
    out.add(example(av, view.getTitleId(), ExampleKind.PLAY, source, 1f,
        view.getFinished() ? 1f : 0f, view.getSkipped() ? 1f : 0f, ratio == null ? 0f : ratio, weight));
    if (policy.negativesPerPositive() > 0) {
      // Seeded by the event id: given the same catalogue, a replay draws the same negatives.
      long seed = policy.seed() ^ Hashing.hash(view.getEventId(), 0);
      List<String> exclude = av.activity() == null ? List.of(view.getTitleId()) : av.activity().recentTitles();
      for (String title : negatives(view.getTerritory(), exclude, seed)) {
        out.add(example(av, title, ExampleKind.NEGATIVE, source, 0f, 0f, 0f, 0f, weight));
      }
    }
    emit(out);
  }

  /** The user's adaptive weight from the trainer, 1 until one arrives. */
  private float weight(ViewEvent v) {
    Float w = weights.get(v.getUserId());
    return w == null ? 1f : w;
  }

  private Example example(ActiveView av, String titleId, ExampleKind kind, int source,
      float play, float finished, float skipped, float ratio, float weight) {
    ViewEvent v = av.view();
    return new Example(v.getUserId(), titleId, v.getTerritory(), grouping.group(v.getTerritory()),
        grouping.version(), av.group().ordinal(), kind, source, play, finished, skipped, ratio,
        weight, v.getEventTime().toEpochMilli());
  }

  /** Forwards the examples of one view together, so the batcher stores them as one entry. */
  private void emit(List<Example> examples) {
    for (Example e : examples) {
      metrics.example(e.kind());
    }
    Example first = examples.get(0);
    context.forward(new Record<String, Object>(first.userId(), examples, first.eventTime()), examplesChild);
  }

  /** Emits, in (event time, key) order, exactly the impressions whose window has passed. */
  private void expireImpressions(long streamTime) {
    while (!pendingByTime.isEmpty()) {
      PendingKey due = pendingByTime.peek();
      if (due.eventTime() + policy.impressionWindowMs() > streamTime) {
        break;
      }
      pendingByTime.poll();
      Long pendingSince = pendingTimes.get(due.key());
      if (pendingSince == null || pendingSince != due.eventTime()) {
        continue; // cancelled or replaced since
      }
      pendingTimes.remove(due.key());
      Example impression = pending.get(due.key());
      pending.delete(due.key());
      emit(List.of(impression));
    }
  }

  /**
   * Negatives for a play: k distinct titles of its territory ∝ plays^β, from the task's counts as
   * of this very play (the sampler follows every play, so the first plays of a run already get
   * negatives once their territory has other titles).
   */
  private List<String> negatives(String territory, List<String> exclude, long seed) {
    return counts.sampler().sample(territory, policy.negativesPerPositive(), exclude, new SplittableRandom(seed));
  }

  /**
   * A grouping computed from viewership, the same for every task: the task of views partition 0
   * computes it from its counts (the first once it has counted plays, then every {@code
   * glocal.territory.regroup.interval.ms} of wall-clock time), uses it at once and publishes it on
   * {@code territory-groups}; every other task adopts the published one within a commit interval
   * and a second. Each grouping's version is a hash of its content, carried by the batches. After a
   * restart the publisher carries on with the grouping it published last.
   */
  private void regroupIfDue(long wallMs) {
    TerritoryGrouping latest = published.get(TerritoryGroupsProcessor.KEY);
    if (!publisher) {
      if (latest != null && latest.version() != grouping.version()) {
        grouping = latest;
      }
      return;
    }
    if (!groupingFromData && latest != null) {
      grouping = latest;
      groupingFromData = true;
      lastRegroupWallMs = wallMs;
    }
    boolean due = !groupingFromData || wallMs - lastRegroupWallMs >= policy.regroupIntervalMs();
    if (!due || !counts.hasPlays()) {
      return;
    }
    // Group ids follow the grouping in use, so users keep the heads they trained (see TerritoryGrouping#alignedTo).
    TerritoryGrouping computed = policy.regrouping().regroup(grouping, counts.popularity().byTerritory());
    groupingFromData = true;
    lastRegroupWallMs = wallMs;
    grouping = computed;
    if (latest == null || latest.version() != computed.version()) {
      context.forward(new Record<String, Object>(TerritoryGroupsProcessor.KEY,
          TerritoryGroupsProcessor.record(computed, wallMs), wallMs), groupingsChild);
    }
  }
}
