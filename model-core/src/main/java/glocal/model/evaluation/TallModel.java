package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.tall.TallConfig;
import glocal.model.tall.TallExperts;
import glocal.model.train.ScoredTitle;
import glocal.model.weights.AdaptiveUserWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TALL's mixture of MultVAE experts as the evaluation runs it. It reads the same training batches
 * every other model is given, but as what a MultVAE learns from: each user's set of played titles
 * (the batches' play examples; impressions and sampled negatives carry nothing for a multinomial
 * over watched titles). It then trains offline, several epochs over those histories, so unlike the
 * two-tower models it has no score-before-train pass over the stream. Expert e starts (warm-up) on
 * the users of territory group e mod E: each expert begins as a local model of a group before the
 * loss-driven gate re-routes users to whichever expert explains them best.
 */
final class TallModel implements Evaluator.Ranker, AutoCloseable {

    private final TallExperts experts;
    private final Map<String, Set<String>> histories;
    private final long trainingPlays;

    private TallModel(TallExperts experts, Map<String, Set<String>> histories, long trainingPlays) {
        this.experts = experts;
        this.histories = histories;
        this.trainingPlays = trainingPlays;
    }

    /**
     * Histories from the training batches (each handed to {@code observer}), then the mixture
     * trained on them, with TALL's adaptive user weights when {@code weights} is given (else null).
     */
    static TallModel train(
            EvaluationData data,
            TallConfig config,
            String name,
            AdaptiveUserWeights weights,
            Evaluator.BatchObserver observer,
            Evaluator.Progress progress) {
        Map<String, Set<String>> histories = new TreeMap<>();
        long plays = 0;
        for (ExampleBatch b : data.trainBatches()) {
            observer.given(name, b);
            for (int i = 0; i < b.size(); i++) {
                if (b.play()[i] > 0.5f) {
                    plays++;
                    histories
                            .computeIfAbsent(b.userIds()[i], u -> new TreeSet<>())
                            .add(b.titleIds()[i]);
                }
            }
        }
        TallExperts experts = TallExperts.create(config, data.catalogue());
        try {
            experts.train(
                    histories,
                    user -> data.grouping().group(data.userTerritory().get(user)),
                    weights,
                    (done, total, loss) -> progress.update(name, done, total));
        } catch (RuntimeException e) {
            experts.close();
            throw e;
        }
        return new TallModel(experts, histories, plays);
    }

    /** Play rows among the training batches' rows: what the mixture learned from. */
    long trainingPlays() {
        return trainingPlays;
    }

    /** Parameters of all experts. */
    long parameterCount() {
        return experts.parameterCount();
    }

    @Override
    public List<ScoredTitle> topK(String user, int territoryGroup, int k) {
        return experts.topK(histories.getOrDefault(user, Set.of()), k);
    }

    /**
     * Each example's score: the mixture's probability that the user's next watch is that title. All
     * batches are scored in one pass so each user's distribution is computed once.
     */
    List<float[]> score(List<ExampleBatch> batches) {
        int n = batches.stream().mapToInt(ExampleBatch::size).sum();
        String[] users = new String[n];
        String[] titles = new String[n];
        int at = 0;
        for (ExampleBatch b : batches) {
            System.arraycopy(b.userIds(), 0, users, at, b.size());
            System.arraycopy(b.titleIds(), 0, titles, at, b.size());
            at += b.size();
        }
        float[] all = experts.score(users, titles, n, u -> histories.getOrDefault(u, Set.of()));
        List<float[]> out = new ArrayList<>(batches.size());
        at = 0;
        for (ExampleBatch b : batches) {
            float[] s = new float[b.size()];
            System.arraycopy(all, at, s, 0, b.size());
            out.add(s);
            at += b.size();
        }
        return out;
    }

    @Override
    public void close() {
        experts.close();
    }
}
