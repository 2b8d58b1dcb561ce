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
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f));
        window(w, 1.0f, 1.0f);
        assertThat(w.weight("a")).isEqualTo(1f);
        window(w, 0.5f, 1.0f);
        // a: r = 0.5, raw e^-0.5 = 0.606531; b: r = 0, raw 1; mean 0.803265
        assertThat(w.weight("a")).isCloseTo(0.755084f, offset(1e-5f));
        assertThat(w.weight("b")).isCloseTo(1.244916f, offset(1e-5f));
    }

    @Test
    void noWeightingDuringTheGap() {
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 2, 1, 0.2f, 5f));
        window(w, 1.0f, 1.0f);
        window(w, 0.5f, 1.0f);
        assertThat(w.weight("a")).isEqualTo(1f);
        assertThat(w.weight("b")).isEqualTo(1f);
        window(w, 0.25f, 1.0f);
        // after the gap: a r = 0.5, b r = 0 -> same weights as without a gap
        assertThat(w.weight("a")).isCloseTo(0.755084f, offset(1e-5f));
    }

    @Test
    void weightsAreClippedAfterNormalising() {
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(0.1f, 0, 1, 0.5f, 5f));
        window(w, 1.0f, 1.0f);
        window(w, 0.5f, 1.0f);
        // a raw e^-5 = 0.006738, b raw 1, mean 0.503369: a 0.013385 -> clipped to 0.5; b 1.986614
        assertThat(w.weight("a")).isEqualTo(0.5f);
        assertThat(w.weight("b")).isCloseTo(1.986614f, offset(1e-5f));
    }

    @Test
    void changedWeightsAreDrainedForExportAndWindowsCloseByStepCount() {
        AdaptiveUserWeights w = new AdaptiveUserWeights(new AdaptiveWeightsConfig(1f, 0, 10, 0.2f, 5f));
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
        AdaptiveWeightsConfig config = new AdaptiveWeightsConfig(1f, 0, 1, 0.2f, 5f);
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
        assertThatThrownBy(() -> new AdaptiveWeightsConfig(0f, 0, 1, 0.2f, 5f))
                .hasMessageContaining(AdaptiveWeightsConfig.ALPHA);
        assertThatThrownBy(() -> new AdaptiveWeightsConfig(1f, 0, 0, 0.2f, 5f))
                .hasMessageContaining(AdaptiveWeightsConfig.WINDOW_STEPS);
    }

    @Test
    void shortKeysOverrideFieldsAndUnknownKeysOrBadValuesAreNamed() {
        AdaptiveWeightsConfig c = AdaptiveWeightsConfig.defaults().with(Map.of("alpha", "0.2", "window", "400"));
        assertThat(c).isEqualTo(new AdaptiveWeightsConfig(0.2f, 2, 400, 0.2f, 5f));
        assertThat(AdaptiveWeightsConfig.defaults().with(Map.of())).isEqualTo(AdaptiveWeightsConfig.defaults());
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("temperature", "1")))
                .hasMessageContaining("unknown key 'temperature'").hasMessageContaining("alpha");
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("gap", "two")))
                .hasMessageContaining("gap=two is not a number");
        assertThatThrownBy(() -> AdaptiveWeightsConfig.defaults().with(Map.of("alpha", "-1")))
                .hasMessageContaining(AdaptiveWeightsConfig.ALPHA);
    }
}
