package glocal.stream.examples;

import glocal.model.labelling.Example;
import glocal.model.labelling.ExampleRules;
import glocal.model.labelling.PendingImpressions;
import glocal.model.territory.TerritoryGrouping;
import glocal.model.weights.AdaptiveWeightsConfig;
import glocal.stream.GlocalMetrics;
import glocal.stream.activity.ActiveView;
import glocal.stream.state.TaskLocal;
import glocal.stream.state.WriteBehind;
import glocal.stream.territory.TerritoryCounts;
import glocal.stream.territory.TerritoryGroupsProcessor;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Turns views into training examples with model-core's {@link ExampleRules} (the offline evaluation
 * labels with the same rules): a play is a positive with k negatives drawn from the task's {@link
 * TerritoryCounts#sampler()} (which follows every play), excluding the user's recent titles; an
 * impression waits in {@value #PENDING_STORE} until a play of the same user and title cancels it or
 * a later view takes the clock (the latest event time seen) past its window; only sampled users
 * produce examples, each carrying the user's adaptive weight from {@value #USER_WEIGHTS_STORE} (1
 * until the trainer writes one). A computed territory grouping is rebuilt from the same counts on a
 * wall-clock schedule, never per event.
 *
 * <p>{@value #PENDING_STORE} is mirrored in memory ({@link WriteBehind#mirrored}: it holds one
 * impression window of impressions) and indexed by event time (rebuilt from the store in {@link
 * #init}), so an expiry touches only the impressions that are due, and the store sees one write per
 * changed key per commit: an impression cancelled or expired before the commit that would have
 * stored it costs no store write at all.
 */
public final class ExampleBuilderProcessor
        implements Processor<String, ActiveView, String, Object> {

    public static final String PENDING_STORE = "pending-impressions";
    public static final String USER_WEIGHTS_STORE = "user-weights-store";

    /**
     * The clip of the trainer's adaptive weights (not configurable: {@link
     * AdaptiveWeightsConfig#defaults()}).
     */
    private static final AdaptiveWeightsConfig WEIGHT_BOUNDS = AdaptiveWeightsConfig.defaults();

    private final ExamplePolicy policy;
    private final GlocalMetrics metrics;
    private final String examplesChild;
    private final String groupingsChild;
    private ProcessorContext<String, Object> context;
    private ReadOnlyKeyValueStore<String, TerritoryGrouping> published;

    /** Whether this task computes the grouping and publishes it (the task of views partition 0). */
    private boolean publisher;

    private TerritoryCounts counts;
    private ExampleRules rules;

    /** How often (wall clock) a computed grouping checks whether it is due. */
    private static final long GROUPING_CHECK_MS = 1_000;

    private TerritoryGrouping grouping;
    private boolean groupingFromData;
    private long lastRegroupWallMs;

    /**
     * @param examplesChild the child that gets each view's examples (the batcher)
     * @param groupingsChild the sink of {@code territory-groups}, where a computed grouping is
     *     published
     */
    public ExampleBuilderProcessor(
            ExamplePolicy policy,
            GlocalMetrics metrics,
            String examplesChild,
            String groupingsChild) {
        this.policy = policy;
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
        ReadOnlyKeyValueStore<String, Float> weights = context.getStateStore(USER_WEIGHTS_STORE);
        this.counts =
                TerritoryCounts.of(
                        context,
                        policy.labelling().popularityWindowMs(),
                        policy.labelling().negativeExponent());
        this.grouping = policy.initialGrouping();
        // init runs after restoration (and again when a task is revived): mirror what the store
        // holds.
        WriteBehind<String, Example> pending = WriteBehind.mirrored(pendingStore);
        TaskLocal local = context.getStateStore(TaskLocal.STORE);
        local.beforeCommit(pending::writeDirty);
        PendingImpressions waiting =
                new PendingImpressions(policy.labelling().impressionWindowMs(), pending);
        pending.forEach(waiting::restore);
        this.rules =
                new ExampleRules(
                        policy.labelling(),
                        policy.labelling().userSampler(),
                        waiting,
                        user -> weight(weights.get(user)),
                        this::emit);
        if (!policy.groupsConfigured()) {
            groupingFromData = false;
            // init must not forward (the task has no record collector yet): a grouping computed
            // from the
            // restored counts waits for the first punctuation, a second away.
            adoptPublished(context.currentSystemTimeMs());
            context.schedule(
                    java.time.Duration.ofMillis(GROUPING_CHECK_MS),
                    PunctuationType.WALL_CLOCK_TIME,
                    this::regroupIfDue);
        }
    }

    /** The grouping examples currently use (tests and queries). */
    public TerritoryGrouping grouping() {
        return grouping;
    }

    @Override
    public void process(Record<String, ActiveView> record) {
        rules.view(record.value(), grouping, counts.sampler());
    }

    /**
     * The user's adaptive weight from the trainer, 1 until one arrives. A weight the trainer could
     * not have written (NaN, infinite, outside the clip) is read as 1 and counted: one bad record
     * in the compacted topic must not poison every batch of that user.
     */
    private float weight(Float w) {
        if (w == null) {
            return 1f;
        }
        if (!WEIGHT_BOUNDS.admits(w)) {
            metrics.userWeightReplaced();
            return 1f;
        }
        return w;
    }

    /** Forwards the examples of one view together, so the batcher stores them as one entry. */
    private void emit(List<Example> examples) {
        for (Example e : examples) {
            metrics.example(e.kind());
        }
        Example first = examples.get(0);
        context.forward(
                new Record<String, Object>(first.userId(), examples, first.eventTime()),
                examplesChild);
    }

    /**
     * Takes up the grouping last published on {@code territory-groups}: every other task follows
     * it, the publisher carries on with it after a restart. Returns it (null before the first).
     */
    private TerritoryGrouping adoptPublished(long wallMs) {
        TerritoryGrouping latest = published.get(TerritoryGroupsProcessor.KEY);
        if (!publisher) {
            if (latest != null && latest.version() != grouping.version()) {
                grouping = latest;
            }
        } else if (!groupingFromData && latest != null) {
            grouping = latest;
            groupingFromData = true;
            lastRegroupWallMs = wallMs;
        }
        return latest;
    }

    /**
     * A grouping computed from viewership, the same for every task: the task of views partition 0
     * computes it from its counts (the first once it has counted plays, then every {@code
     * glocal.territory.regroup.interval.ms} of wall-clock time), uses it at once and publishes it
     * on {@code territory-groups}; every other task adopts the published one within a commit
     * interval and a second. Each grouping's version is a hash of its content, carried by the
     * batches. After a restart the publisher carries on with the grouping it published last.
     */
    private void regroupIfDue(long wallMs) {
        TerritoryGrouping latest = adoptPublished(wallMs);
        if (!publisher) {
            return;
        }
        boolean due = !groupingFromData || wallMs - lastRegroupWallMs >= policy.regroupIntervalMs();
        if (!due || !counts.hasPlays()) {
            return;
        }
        // Group ids follow the grouping in use, so users keep the heads they trained (see
        // TerritoryGrouping#alignedTo).
        TerritoryGrouping computed =
                policy.regrouping().regroup(grouping, counts.popularity().byTerritory());
        groupingFromData = true;
        lastRegroupWallMs = wallMs;
        grouping = computed;
        if (latest == null || latest.version() != computed.version()) {
            context.forward(
                    new Record<String, Object>(
                            TerritoryGroupsProcessor.KEY,
                            TerritoryGroupsProcessor.record(computed, wallMs),
                            wallMs),
                    groupingsChild);
        }
    }
}
