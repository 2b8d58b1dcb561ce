package glocal.model.tall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import glocal.model.evaluation.EvaluationData;
import glocal.model.evaluation.EvaluationPresets;
import glocal.model.evaluation.EvaluationProtocol;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.RankingMetrics;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.ScoredTitle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TallExpertsTest {

    /** 20 titles: community A watches t0..t9, community B t10..t19. */
    private static final List<String> TWO_COMMUNITY_TITLES =
            IntStream.range(0, 20).mapToObj(i -> "t" + i).toList();

    @BeforeAll
    static void oneThread() {
        OnlineTrainer.configureThreads(1);
    }

    private static TallConfig small() {
        return TallConfig.builder()
                .experts(2)
                .hidden(16)
                .latent(8)
                .batchUsers(32)
                .epochs(3)
                .warmupEpochs(1)
                .annealSteps(20)
                .seed(5)
                .build();
    }

    /**
     * Users u0..u59: even users watch 5 titles of community A, odd users 5 of community B (seeded).
     */
    private static Map<String, Set<String>> twoCommunities(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Map<String, Set<String>> h = new LinkedHashMap<>();
        for (int u = 0; u < 60; u++) {
            int base = u % 2 == 0 ? 0 : 10;
            Set<String> titles = new TreeSet<>();
            while (titles.size() < 5) {
                titles.add("t" + (base + r.nextInt(10)));
            }
            h.put("u" + u, titles);
        }
        return h;
    }

    private static int community(String user) {
        return Integer.parseInt(user.substring(1)) % 2;
    }

    @Test
    void gateIsTheSoftmaxOfNegativeLossOverTemperature() {
        float[] w = LossDrivenGate.weights(new float[] {2f, 3f}, 1f);
        // e^-2 / (e^-2 + e^-3) = 1 / (1 + e^-1)
        assertThat(w[0]).isCloseTo(0.7310586f, within(1e-6f));
        assertThat(w[1]).isCloseTo(0.2689414f, within(1e-6f));
        // Large losses do not overflow; a higher temperature flattens the gate.
        float[] big = LossDrivenGate.weights(new float[] {1000f, 1001f, 1003f}, 2f);
        assertThat(big[0] + big[1] + big[2]).isCloseTo(1f, within(1e-6f));
        assertThat(big[0])
                .isCloseTo((float) (1 / (1 + Math.exp(-0.5) + Math.exp(-1.5))), within(1e-6f));
        assertThat(LossDrivenGate.weights(new float[] {2f, 3f}, 100f)[0])
                .isCloseTo(0.5025f, within(1e-4f));
    }

    @Test
    void gatePutsMoreWeightOnTheExpertWithLowerLossForAUser() {
        // Expert 0 trains only on community A and expert 1 only on B (all epochs are warm-up), so
        // for an A
        // user expert 0 has the lower loss and must get the higher gate weight, and the reverse for
        // B.
        TallConfig config = small().toBuilder().epochs(30).warmupEpochs(30).build();
        try (TallExperts mixture =
                new TallExperts(config, TWO_COMMUNITY_TITLES, ai.djl.Device.cpu())) {
            mixture.train(twoCommunities(1), TallExpertsTest::community, (d, t, l) -> {});
            Map<String, Set<String>> fresh = twoCommunities(99);
            List<String> users = List.of("u0", "u1", "u2", "u3");
            int[][] histories =
                    users.stream().map(u -> mixture.indices(fresh.get(u))).toArray(int[][]::new);
            MixturePrediction p = mixture.predict(histories);
            for (int u = 0; u < users.size(); u++) {
                int own = community(users.get(u));
                int other = 1 - own;
                assertThat(p.loss(u, own))
                        .as("own expert's loss on " + users.get(u))
                        .isLessThan(p.loss(u, other));
                assertThat(p.gate(u, own))
                        .as("own expert's gate for " + users.get(u))
                        .isGreaterThan(p.gate(u, other));
                float[] byHand =
                        LossDrivenGate.weights(
                                new float[] {p.loss(u, 0), p.loss(u, 1)}, config.temperature());
                assertThat(p.gatesOf(u)).containsExactly(byHand, within(1e-6f));
            }
        }
    }

    @Test
    void mixtureScoresAreTheGateWeightedSumOfTheExpertsDistributions() {
        try (TallExperts mixture =
                new TallExperts(small(), TWO_COMMUNITY_TITLES, ai.djl.Device.cpu())) {
            mixture.train(twoCommunities(1), u -> 0, (d, t, l) -> {});
            int[][] h = {
                mixture.indices(Set.of("t1", "t2")), mixture.indices(Set.of("t12", "t15", "t17"))
            };
            MixturePrediction p = mixture.predict(h);
            float[] e0 = mixture.expertProbabilities(h, 0);
            float[] e1 = mixture.expertProbabilities(h, 1);
            for (int u = 0; u < 2; u++) {
                double sum = 0;
                for (int t = 0; t < p.titles(); t++) {
                    int i = u * p.titles() + t;
                    assertThat(p.score(u, t))
                            .isCloseTo(p.gate(u, 0) * e0[i] + p.gate(u, 1) * e1[i], within(1e-6f));
                    sum += p.score(u, t);
                }
                assertThat(sum).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void aMultVaeRanksHeldOutPlaysBetterThanPopularityOnTheTinyWorld() {
        SyntheticWorld world = new SyntheticWorld(EvaluationPresets.preset("tiny"), 7);
        EvaluationData data =
                new EvaluationProtocol(
                                0.8,
                                256,
                                LabellingPolicy.defaults().withNegativesPerPositive(2).withSeed(7))
                        .synthetic(world, 60_000);
        TallConfig config =
                TallConfig.builder()
                        .experts(1)
                        .hidden(64)
                        .latent(16)
                        .batchUsers(64)
                        .epochs(20)
                        .learningRate(0.003f)
                        .warmupEpochs(0)
                        .annealSteps(200)
                        .seed(7)
                        .build();
        List<String> byPopularity = new ArrayList<>(data.catalogue());
        byPopularity.sort(
                Comparator.comparingLong((String t) -> -data.popularity().count(t))
                        .thenComparing(Comparator.naturalOrder()));
        double vae = 0;
        double popular = 0;
        int users = 0;
        try (TallExperts mixture = new TallExperts(config, data.catalogue(), ai.djl.Device.cpu())) {
            mixture.train(data.trainPlays(), u -> 0, (d, t, l) -> {});
            for (Map.Entry<String, Set<String>> e : data.heldOut().entrySet()) {
                Set<String> seen = data.trainPlays().getOrDefault(e.getKey(), Set.of());
                List<String> ranked =
                        mixture.topK(seen, 20 + seen.size()).stream()
                                .map(ScoredTitle::titleId)
                                .filter(t -> !seen.contains(t))
                                .limit(20)
                                .toList();
                List<String> pop =
                        byPopularity.stream().filter(t -> !seen.contains(t)).limit(20).toList();
                vae += RankingMetrics.ndcgAtK(ranked, e.getValue(), 20);
                popular += RankingMetrics.ndcgAtK(pop, e.getValue(), 20);
                users++;
            }
        }
        vae /= users;
        popular /= users;
        // Measured: MultVAE 0.3073, popularity 0.2579 (399 users, 270 titles, 13.4 plays per user
        // in training).
        assertThat(vae)
                .as("MultVAE NDCG@20 %.4f vs popularity %.4f", vae, popular)
                .isGreaterThan(popular + 0.03);
    }

    @Test
    void liveArraysStayFlatOverManySteps() {
        try (TallExperts mixture =
                new TallExperts(small(), TWO_COMMUNITY_TITLES, ai.djl.Device.cpu())) {
            Map<String, Set<String>> h = twoCommunities(3);
            int[][] batch =
                    h.values().stream().limit(32).map(mixture::indices).toArray(int[][]::new);
            mixture.step(batch, null);
            int afterFirst = mixture.manager().getManagedArrays().size();
            for (int s = 0; s < 500; s++) {
                mixture.step(batch, s % 2 == 0 ? null : new int[batch.length]);
                if (s % 50 == 0) {
                    mixture.predict(batch);
                    mixture.topK(Set.of("t1"), 5);
                }
            }
            // Only the parameters (and their gradients) stay: every per-step array was closed.
            assertThat(mixture.manager().getManagedArrays()).hasSize(afterFirst);
            assertThat(mixture.steps()).isEqualTo(501);
        }
    }

    @Test
    void aNonFiniteLossRefusesTheStepBeforeAnyParameterChanges() {
        try (TallExperts mixture =
                new TallExperts(small(), TWO_COMMUNITY_TITLES, ai.djl.Device.cpu())) {
            int[][] batch =
                    twoCommunities(3).values().stream()
                            .limit(32)
                            .map(mixture::indices)
                            .toArray(int[][]::new);
            // Warm-up: every user trains expert 0 only, expert 1's gate is 0.
            int[] allExpert0 = new int[batch.length];
            mixture.step(batch, allExpert0);
            NDArray spoilt = mixture.experts().expert(1).getParameters().valueAt(0).getArray();
            float[] values = spoilt.toFloatArray();
            values[0] = Float.NaN;
            spoilt.set(values);
            List<float[]> before = parameterValues(mixture);

            // Unguarded, the zero gate times NaN made the objective NaN, the gradient through it
            // (0 × NaN) spoilt all of expert 1, and nothing said so until the first gated step.
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> mixture.step(batch, allExpert0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("TALL step 1 (warm-up): expert 1's loss is NaN")
                    .hasMessageContaining("with 1 non-finite parameter values");
            List<float[]> after = parameterValues(mixture);
            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).as("parameter %d", i).containsExactly(before.get(i));
            }
            assertThat(mixture.steps()).isEqualTo(1);
        }
    }

    private static List<float[]> parameterValues(TallExperts mixture) {
        List<float[]> values = new ArrayList<>();
        for (var p : mixture.experts().getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void sameSeedGivesTheSameScores() {
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (TallExperts mixture =
                    new TallExperts(small(), TWO_COMMUNITY_TITLES, ai.djl.Device.cpu())) {
                mixture.train(twoCommunities(1), TallExpertsTest::community, (d, t, l) -> {});
                runs[r] =
                        mixture.predict(new int[][] {mixture.indices(Set.of("t3", "t14"))})
                                .scores();
            }
        }
        assertThat(runs[1]).containsExactly(runs[0]);
        try (TallExperts other =
                new TallExperts(small().withSeed(6), TWO_COMMUNITY_TITLES, ai.djl.Device.cpu())) {
            other.train(twoCommunities(1), TallExpertsTest::community, (d, t, l) -> {});
            assertThat(other.predict(new int[][] {other.indices(Set.of("t3", "t14"))}).scores())
                    .isNotEqualTo(runs[0]);
        }
    }

    @Test
    void savedExpertsLoadIntoATwinWithIdenticalOutputs() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExpertSet a = new ExpertSet(2, 7, 5, 3);
            ExpertSet b = new ExpertSet(2, 7, 5, 3);
            a.initialize(manager, DataType.FLOAT32, new Shape(1, 7));
            b.initialize(manager, DataType.FLOAT32, new Shape(1, 7));
            glocal.model.train.DenseInit.apply(b.getParameters(), 42);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.saveParameters(new DataOutputStream(bytes));
            b.loadParameters(
                    manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray input =
                    manager.create(new float[] {0, 0.5f, 0, 0.5f, 0, 0.5f, 0.5f}, new Shape(1, 7));
            NDList outA = a.forward(new ParameterStore(manager, false), new NDList(input), false);
            NDList outB = b.forward(new ParameterStore(manager, false), new NDList(input), false);
            assertThat(outB).hasSize(6);
            for (int i = 0; i < outA.size(); i++) {
                assertThat(outB.get(i).toFloatArray()).containsExactly(outA.get(i).toFloatArray());
            }
        }
    }
}
