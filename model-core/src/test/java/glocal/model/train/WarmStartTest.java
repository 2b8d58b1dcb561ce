package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmStartTest {

    private static WarmStart.Outcome run(PassSchedule schedule, double... scores) {
        List<Integer> passes = new ArrayList<>();
        try (OnlineTrainer trainer = OnlineTrainer.create(ModelSpec.defaults(ModelKind.MTL))) {
            return WarmStart.run(trainer, schedule, passes::add, t -> scores[passes.size() - 1]);
        }
    }

    @Test
    void stopsOncePatiencePassesBringNothingBetterAndKeepsTheBestPassCount() {
        WarmStart.Outcome out = run(new PassSchedule(5, 0.5f, 1), 0.10, 0.12, 0.11, 0.13, 0.14);
        assertThat(out.passes()).isEqualTo(3);
        assertThat(out.bestPasses()).isEqualTo(2);
        assertThat(out.bestScore()).isEqualTo(0.12);
        WarmStart.Outcome patient = run(new PassSchedule(5, 0.5f, 2), 0.10, 0.12, 0.11, 0.13, 0.14);
        assertThat(patient.passes()).isEqualTo(5);
        assertThat(patient.bestPasses()).isEqualTo(5);
    }

    @Test
    void withoutAValidationScoreEveryPassRuns() {
        List<Integer> passes = new ArrayList<>();
        try (OnlineTrainer trainer = OnlineTrainer.create(ModelSpec.defaults(ModelKind.MTL))) {
            WarmStart.Outcome out =
                    WarmStart.run(trainer, new PassSchedule(3, 1f, 1), passes::add, null);
            assertThat(out.passes()).isEqualTo(3);
            assertThat(out.bestPasses()).isEqualTo(3);
            assertThat(out.bestScore()).isNaN();
        }
        assertThat(passes).containsExactly(0, 1, 2);
    }

    @Test
    void scheduleScalesLearningRatesPerPassAndRejectsBadValues() {
        assertThat(new PassSchedule(3, 0.5f, 1).scale(2)).isEqualTo(0.25f);
        assertThatThrownBy(() -> new PassSchedule(0, 0.5f, 1)).hasMessageContaining("--epochs");
        assertThatThrownBy(() -> new PassSchedule(2, 0f, 1)).hasMessageContaining("--lr-decay");
        assertThatThrownBy(() -> new PassSchedule(2, 0.5f, 0)).hasMessageContaining("--patience");
    }
}
