package glocal.model.weights;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class AdaptiveUserWeightsTest {

    private static void window(AdaptiveUserWeights w, float lossA, float lossB) {
        // two examples each, so the window mean is what is checked
        w.record(new String[] {"a", "a", "b", "b"}, new float[] {lossA - 0.1f, lossA + 0.1f, lossB, lossB}, 4);
        w.closeWindow();
    }

    @Test
    void slowerFallingLossGetsHigherWeightNormalisedToMeanOne() {
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f, 1));
        window(w, 1.0f, 1.0f);
        assertThat(w.weight("a")).isEqualTo(1f);
        window(w, 0.5f, 1.0f);
        // a: r = 0.5, raw e^-0.5 = 0.606531; b: r = 0, raw 1; mean 0.803265
        assertThat(w.weight("a")).isCloseTo(0.755084f, offset(1e-5f));
        assertThat(w.weight("b")).isCloseTo(1.244916f, offset(1e-5f));
    }

    @Test
    void noWeightingDuringTheGap() {
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 2, 1, 0.2f, 5f, 1));
        window(w, 1.0f, 1.0f);
        window(w, 0.5f, 1.0f);
        assertThat(w.weight("a")).isEqualTo(1f);
        assertThat(w.weight("b")).isEqualTo(1f);
        window(w, 0.25f, 1.0f);
        // after the gap: a r = 0.5, b r = 0 -> same weights as without a gap
        assertThat(w.weight("a")).isCloseTo(0.755084f, offset(1e-5f));
    }

    @Test
    void weightsAreClippedThenScaledToMeanOne() {
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(0.1f, 0, 1, 0.5f, 5f, 1));
        window(w, 1.0f, 1.0f);
        window(w, 0.5f, 1.0f);
        // a raw e^-5 = 0.006738, b raw 1: scaled by 1.5, a (0.0101) is clipped to 0.5 and b is 1.5, mean 1
        assertThat(w.weight("a")).isEqualTo(0.5f);
        assertThat(w.weight("b")).isCloseTo(1.5f, offset(1e-5f));
    }

    @Test
    void aFewOutliersDoNotPushEveryOtherWeightToTheLowerClip() {
        // 98 users whose loss falls by 10%, two whose loss doubles; alpha 0.2. Normalising before
        // clipping gave each of the 98 e^-5.5 / mean = 0.17 -> 0.2 (the clip) and a mean weight of 0.30.
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(0.2f, 0, 1, 0.2f, 5f, 1));
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
        // r = -1000 at alpha 0.1: exp(10,000) is infinite in double; in log space it is the largest weight
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(0.1f, 0, 1, 0.2f, 5f, 1));
        window(w, 0.001f, 1.0f);
        window(w, 1.001f, 1.0f);
        assertThat(w.weight("a")).isEqualTo(1.8f);
        assertThat(w.weight("b")).isCloseTo(0.2f, offset(1e-6f));
        assertThat(w.weights(new String[] {"a", "b"}, 2)).doesNotContain(Float.NaN);
    }

    @Test
    void aUserWithTooFewExamplesCarriesTheLossesIntoTheNextWindow() {
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f, 2));
        // window 1: a has 2 examples (counts), b has 1 (carried)
        w.record(new String[] {"a", "a", "b"}, new float[] {1f, 1f, 1f}, 3);
        w.closeWindow();
        // window 2: a 2 more examples at 0.5; b 1 more, now 2 in all: its first counted mean is 1, no change yet
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
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 10, 0.2f, 5f, 1));
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
        AdaptiveUserWeights restored = AdaptiveUserWeights.read(config,
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
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
        AdaptiveWeightsConfig c = AdaptiveWeightsConfig.defaults().with(Map.of("alpha", "0.2", "window", "400"));
        assertThat(c).isEqualTo(new AdaptiveWeightsConfig(0.2f, 2, 400, 0.2f, 5f, 6));
        assertThat(AdaptiveWeightsConfig.defaults().with(Map.of())).isEqualTo(AdaptiveWeightsConfig.defaults());
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("temperature", "1")))
                .hasMessageContaining("unknown key 'temperature'").hasMessageContaining("alpha");
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("gap", "two")))
                .hasMessageContaining("gap=two is not a number");
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("alpha", "-1")))
                .hasMessageContaining(AdaptiveWeightsConfig.ALPHA);
    }
}
