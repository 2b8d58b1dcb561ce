package glocal.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptiveUserWeightsTest {

    private static void window(AdaptiveUserWeights w, float lossA, float lossB) {
        // two examples each, so the window mean is what is checked
        w.record(
                new String[] {"a", "a", "b", "b"},
                new float[] {lossA - 0.1f, lossA + 0.1f, lossB, lossB},
                4);
        w.closeWindow();
    }

    @Test
    void slowerFallingLossGetsHigherWeightNormalisedToMeanOne() {
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f, 1));
        window(w, 1.0f, 1.0f);
        assertThat(w.weight("a")).isEqualTo(1f);
        window(w, 0.5f, 1.0f);
        // a: r = 0.5, raw e^-0.5 = 0.606531; b: r = 0, raw 1; mean 0.803265
        assertThat(w.weight("a")).isCloseTo(0.755084f, offset(1e-5f));
        assertThat(w.weight("b")).isCloseTo(1.244916f, offset(1e-5f));
    }

    @Test
    void noWeightingDuringTheGap() {
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 2, 1, 0.2f, 5f, 1));
        window(w, 1.0f, 1.0f);
        window(w, 0.5f, 1.0f);
        assertThat(w.weight("a")).isEqualTo(1f);
        assertThat(w.weight("b")).isEqualTo(1f);
        assertThat(w.weightedInLastWindow()).isZero();
        window(w, 0.25f, 1.0f);
        assertThat(w.weightedInLastWindow()).isEqualTo(2);
        // after the gap: a r = 0.5, b r = 0 -> same weights as without a gap
        assertThat(w.weight("a")).isCloseTo(0.755084f, offset(1e-5f));
    }

    @Test
    void weightsAreClippedThenScaledToMeanOne() {
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(0.1f, 0, 1, 0.5f, 5f, 1));
        window(w, 1.0f, 1.0f);
        window(w, 0.5f, 1.0f);
        // a raw e^-5 = 0.006738, b raw 1: scaled by 1.5, a (0.0101) is clipped to 0.5 and b is 1.5,
        // mean 1
        assertThat(w.weight("a")).isEqualTo(0.5f);
        assertThat(w.weight("b")).isCloseTo(1.5f, offset(1e-5f));
    }

    @Test
    void aFewOutliersDoNotPushEveryOtherWeightToTheLowerClip() {
        // 98 users whose loss falls by 10%, two whose loss doubles; alpha 0.2. Normalising before
        // clipping gave each of the 98 e^-5.5 / mean = 0.17 -> 0.2 (the clip) and a mean weight of
        // 0.30.
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(0.2f, 0, 1, 0.2f, 5f, 1));
        String[] ids = new String[100];
        float[] first = new float[100];
        float[] second = new float[100];
        for (int i = 0; i < 100; i++) {
            ids[i] = "u" + i;
            first[i] = 1f;
            second[i] = i < 2 ? 2f : 0.9f;
        }
        w.record(ids, first, 100);
        w.closeWindow();
        w.record(ids, second, 100);
        w.closeWindow();
        double mean = 0;
        for (String id : ids) {
            mean += w.weight(id) / 100.0;
        }
        assertThat(mean).isCloseTo(1.0, offset(1e-4));
        assertThat(w.weight("u0")).isEqualTo(5f);
        // the 98 share the rest: (100 - 2 x 5) / 98
        assertThat(w.weight("u50")).isCloseTo(90f / 98f, offset(1e-5f));
    }

    @Test
    void aHugeLossJumpDoesNotOverflowIntoNaN() {
        // r = -1000 at alpha 0.1: exp(10,000) is infinite in double; in log space it is the largest
        // weight
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(0.1f, 0, 1, 0.2f, 5f, 1));
        window(w, 0.001f, 1.0f);
        window(w, 1.001f, 1.0f);
        assertThat(w.weight("a")).isEqualTo(1.8f);
        assertThat(w.weight("b")).isCloseTo(0.2f, offset(1e-6f));
        assertThat(w.weights(new String[] {"a", "b"}, 2)).doesNotContain(Float.NaN);
    }

    @Test
    void aLossJumpFromATinyPreviousLossLeavesEveryWeightFiniteAndTheMeanOne() {
        // The shape of the incident of issue 14: after runs of impression-only batches a user's
        // window
        // mean was tiny (0.002) and the next one normal (1.0), while 999 users' losses fell a
        // little.
        // With r = (prev - cur) / prev that user's log weight was ~ +1,000 at alpha 0.5, every
        // other
        // exp(log - max) underflowed to 0, the scale went to infinity and 0 x infinity gave NaN.
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(0.5f, 0, 1, 0.2f, 5f, 1));
        int n = 1_000;
        String[] ids = new String[n];
        float[] first = new float[n];
        float[] second = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "u" + i;
            first[i] = i == 0 ? 0.002f : 0.7f;
            second[i] = i == 0 ? 1.0f : 0.6f;
        }
        w.record(ids, first, n);
        w.closeWindow();
        w.record(ids, second, n);
        w.closeWindow();
        float[] weights = w.weights(ids, n);
        double mean = 0;
        for (float x : weights) {
            assertThat(x).isFinite().isBetween(0.2f, 5f);
            mean += x / (double) n;
        }
        assertThat(mean).isCloseTo(1.0, offset(1e-4));
        assertThat(w.weightedInLastWindow()).isEqualTo(n);
        // the jumping user still gets the most weight, the others share the rest equally
        assertThat(w.weight("u0")).isGreaterThan(w.weight("u1"));
        assertThat(w.weight("u1")).isEqualTo(w.weight("u999"));
    }

    @Test
    void aRisingLossCountsAsABoundedRelativeChange() {
        // r = (prev - cur) / max(prev, cur): a loss that rises tenfold gives r = -0.9, not -9, so
        // one
        // window of harder examples cannot take the whole weight mass.
        assertThat(AdaptiveUserWeights.relativeChange(1.0, 10.0)).isCloseTo(-0.9, offset(1e-12));
        assertThat(AdaptiveUserWeights.relativeChange(0.002, 1.0)).isCloseTo(-0.998, offset(1e-12));
        // a falling loss keeps TALL's definition
        assertThat(AdaptiveUserWeights.relativeChange(1.0, 0.5)).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void nonFiniteLossesAreLeftOutOfTheWindowAndCounted() {
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f, 1));
        window(w, 1.0f, 1.0f);
        w.record(
                new String[] {"a", "a", "b", "b", "b"},
                new float[] {0.5f, Float.NaN, 1f, 1f, Float.POSITIVE_INFINITY},
                5);
        w.closeWindow();
        assertThat(w.nonFiniteLosses()).isEqualTo(2);
        // a's window mean is 0.5 (the NaN left out), b's is 1: as in the plain two-window case
        assertThat(w.weight("a")).isCloseTo(0.755084f, offset(1e-5f));
        assertThat(w.weight("b")).isCloseTo(1.244916f, offset(1e-5f));
    }

    @Test
    void aCheckpointHoldingNonFiniteStateIsRepairedOnRead() throws IOException {
        AdaptiveWeightsConfig config = new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(3); // windows closed
        out.writeInt(2);
        out.writeUTF("poisoned");
        out.writeDouble(Double.NaN); // sum
        out.writeInt(2);
        out.writeDouble(Double.NaN); // previous
        out.writeFloat(Float.NaN); // weight
        out.writeUTF("healthy");
        out.writeDouble(1.0);
        out.writeInt(1);
        out.writeDouble(0.5);
        out.writeFloat(1.25f);
        out.writeInt(1); // changed
        out.writeUTF("poisoned");
        out.writeFloat(Float.NaN);
        AdaptiveUserWeights w =
                AdaptiveUserWeights.read(
                        config, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(w.repairedOnRead()).isEqualTo(1);
        assertThat(w.weight("poisoned")).isEqualTo(1f);
        assertThat(w.weight("healthy")).isEqualTo(1.25f);
        // the repaired weight is published again, so the compacted topic loses its NaN
        assertThat(w.drainChanged()).containsEntry("poisoned", 1f);
        w.record(new String[] {"poisoned", "healthy"}, new float[] {1f, 0.5f}, 2);
        w.closeWindow();
        // poisoned starts over (no previous loss yet), healthy is the only user counted: both 1
        assertThat(w.weights(new String[] {"poisoned", "healthy"}, 2)).containsExactly(1f, 1f);
    }

    @Test
    void aUserWithTooFewExamplesCarriesTheLossesIntoTheNextWindow() {
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f, 2));
        // window 1: a has 2 examples (counts), b has 1 (carried)
        w.record(new String[] {"a", "a", "b"}, new float[] {1f, 1f, 1f}, 3);
        w.closeWindow();
        // window 2: a 2 more examples at 0.5; b 1 more, now 2 in all: its first counted mean is 1,
        // no change yet
        w.record(new String[] {"a", "a", "b"}, new float[] {0.5f, 0.5f, 1f}, 3);
        w.closeWindow();
        assertThat(w.weight("b")).isEqualTo(1f);
        assertThat(w.weight("a")).isEqualTo(1f); // a alone was weighted: mean 1
        // window 3: a stays at 0.5 (r = 0), b falls to 0.5 (r = 0.5)
        w.record(new String[] {"a", "a", "b", "b"}, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 4);
        w.closeWindow();
        assertThat(w.weight("a")).isCloseTo(1.244916f, offset(1e-5f));
        assertThat(w.weight("b")).isCloseTo(0.755084f, offset(1e-5f));
    }

    @Test
    void changedWeightsAreDrainedForExportAndWindowsCloseByStepCount() {
        AdaptiveUserWeights w =
                new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 10, 0.2f, 5f, 1));
        w.record(new String[] {"a", "b"}, new float[] {1f, 1f}, 2);
        w.onStep(9);
        assertThat(w.windowsClosed()).isZero();
        w.onStep(10);
        assertThat(w.windowsClosed()).isEqualTo(1);
        w.record(new String[] {"a", "b"}, new float[] {0.5f, 1f}, 2);
        w.onStep(20);
        Map<String, Float> changed = w.drainChanged();
        assertThat(changed).containsOnlyKeys("a", "b");
        assertThat(w.drainChanged()).isEmpty();
        assertThat(w.weights(new String[] {"a", "zz"}, 2)[1]).isEqualTo(1f);
    }

    @Test
    void stateRoundTripsThroughCheckpointBytes() throws IOException {
        AdaptiveWeightsConfig config = new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f, 1);
        AdaptiveUserWeights w = new AdaptiveUserWeights(config);
        window(w, 1.0f, 1.0f);
        w.record(new String[] {"a"}, new float[] {0.5f}, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.write(new DataOutputStream(bytes));
        AdaptiveUserWeights restored =
                AdaptiveUserWeights.read(
                        config, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        w.record(new String[] {"b"}, new float[] {1f}, 1);
        restored.record(new String[] {"b"}, new float[] {1f}, 1);
        w.closeWindow();
        restored.closeWindow();
        assertThat(restored.weight("a")).isEqualTo(w.weight("a"));
        assertThat(restored.weight("b")).isEqualTo(w.weight("b"));
    }

    @Test
    void badConfigNamesTheKey() {
        assertThatThrownBy(() -> new AdaptiveWeightsConfig(0f, 0, 1, 0.2f, 5f, 1))
                .hasMessageContaining(AdaptiveWeightsConfig.ALPHA);
        assertThatThrownBy(() -> new AdaptiveWeightsConfig(1f, 0, 0, 0.2f, 5f, 1))
                .hasMessageContaining(AdaptiveWeightsConfig.WINDOW_STEPS);
        assertThatThrownBy(() -> new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f, 0))
                .hasMessageContaining(AdaptiveWeightsConfig.MIN_EXAMPLES);
    }

    @Test
    void shortKeysOverrideFieldsAndUnknownKeysOrBadValuesAreNamed() {
        AdaptiveWeightsConfig c =
                AdaptiveWeightsConfig.defaults().with(Map.of("alpha", "0.2", "window", "400"));
        assertThat(c).isEqualTo(new AdaptiveWeightsConfig(0.2f, 2, 400, 0.2f, 5f, 6));
        assertThat(AdaptiveWeightsConfig.defaults().with(Map.of()))
                .isEqualTo(AdaptiveWeightsConfig.defaults());
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("temperature", "1")))
                .hasMessageContaining("unknown key 'temperature'")
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("gap", "two")))
                .hasMessageContaining("gap=two is not a number");
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("alpha", "-1")))
                .hasMessageContaining(AdaptiveWeightsConfig.ALPHA);
    }
}
