package glocal.model.tall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TallConfigTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "tall.experts, 0",
        "tall.latent, 0",
        "tall.hidden, -1",
        "tall.temperature, 0",
        "tall.temperature, NaN",
        "tall.beta.max, -0.1",
        "tall.beta.anneal.steps, -1",
        "tall.dropout, 1",
        "tall.learning.rate, 0",
        "tall.epochs, 0",
        "tall.warmup.epochs, -1",
        "tall.batch.users, 0",
        "tall.seed, x",
        "tall.epochs, two"
    })
    void aBadValueIsRejectedNamingItsKey(String key, String value) {
        assertThatThrownBy(() -> TallConfig.defaults().with(key, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }

    @Test
    void moreWarmupThanEpochsNamesBothKeys() {
        assertThatThrownBy(
                        () ->
                                TallConfig.defaults()
                                        .with(
                                                TallConfig.EPOCHS,
                                                "3",
                                                TallConfig.WARMUP_EPOCHS,
                                                "4"))
                .hasMessageContaining(TallConfig.WARMUP_EPOCHS)
                .hasMessageContaining(TallConfig.EPOCHS);
    }

    @Test
    void anUnknownKeyListsTheKnownOnes() {
        assertThatThrownBy(() -> TallConfig.defaults().with("tall.expert", "3"))
                .hasMessageContaining("tall.expert'")
                .hasMessageContaining(TallConfig.EXPERTS);
    }

    @Test
    void betaRisesLinearlyToItsCapOverTheAnnealSteps() {
        TallConfig c =
                TallConfig.defaults()
                        .with(TallConfig.BETA_MAX, "0.2", TallConfig.ANNEAL_STEPS, "100");
        assertThat(c.beta(0)).isZero();
        assertThat(c.beta(50)).isEqualTo(0.1f);
        assertThat(c.beta(100)).isEqualTo(0.2f);
        assertThat(c.beta(1_000)).isEqualTo(0.2f);
        assertThat(c.with(TallConfig.ANNEAL_STEPS, "0").beta(0)).isEqualTo(0.2f);
    }

    @Test
    void everyKeyRoundTripsThroughItsString() {
        TallConfig c =
                TallConfig.defaults()
                        .with(
                                TallConfig.EXPERTS,
                                "3",
                                TallConfig.TEMPERATURE,
                                "2.5",
                                TallConfig.SEED,
                                "77");
        String[] kv =
                c.asMap().entrySet().stream()
                        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                        .toArray(String[]::new);
        assertThat(TallConfig.defaults().with(kv)).isEqualTo(c);
    }

    @Test
    void theTextFormAndTheBuilderBuildTheSameConfig() {
        TallConfig typed =
                TallConfig.builder()
                        .experts(3)
                        .temperature(2.5f)
                        .learningRate(0.003f)
                        .epochs(5)
                        .warmupEpochs(1)
                        .seed(77)
                        .build();
        TallConfig text =
                TallConfig.defaults()
                        .with(
                                java.util.Map.of(
                                        TallConfig.EXPERTS, "3",
                                        TallConfig.TEMPERATURE, "2.5",
                                        TallConfig.LEARNING_RATE, "0.003",
                                        TallConfig.EPOCHS, "5",
                                        TallConfig.WARMUP_EPOCHS, "1",
                                        TallConfig.SEED, "77"));
        assertThat(text).isEqualTo(typed);
        assertThat(typed.toBuilder().build()).isEqualTo(typed);
        assertThat(typed.withSeed(78).seed()).isEqualTo(78L);
        assertThat(typed.withSeed(78).experts()).isEqualTo(3);
    }

    @Test
    void theBuilderStartsFromTheDefaultsAndValidatesLikeTheConstructor() {
        TallConfig d = TallConfig.defaults();
        assertThat(TallConfig.builder().build()).isEqualTo(d);
        assertThat(d.experts()).isEqualTo(4);
        assertThat(d.latent()).isEqualTo(32);
        assertThat(d.hidden()).isEqualTo(128);
        assertThat(d.epochs()).isEqualTo(20);
        assertThatThrownBy(() -> TallConfig.builder().experts(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(TallConfig.EXPERTS + " must be >= 1, was 0");
        assertThatThrownBy(() -> TallConfig.builder().epochs(1).warmupEpochs(2).build())
                .hasMessageContaining(TallConfig.WARMUP_EPOCHS)
                .hasMessageContaining(TallConfig.EPOCHS);
    }
}
