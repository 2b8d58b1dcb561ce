package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.model.train.PassSchedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuningTest {

    private static Tuning grid() {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        grid.put("train.softmax.temperature", List.of("0.5", "1"));
        grid.put(Tuning.PASSES, List.of("1", "2", "3"));
        return new Tuning("mtl:train.loss=softmax-logq", grid, PassSchedule.single());
    }

    @Test
    void everySettingOfTheGridOrASeededDrawWithoutRepeats() {
        List<Tuning.Setting> all = grid().settings(0, 1);
        assertThat(all).hasSize(6);
        assertThat(all.get(0).label()).isEqualTo("train.softmax.temperature=0.5 passes=1");
        assertThat(all.get(0).variant("mtl")).isEqualTo("mtl:train.softmax.temperature=0.5");
        List<Tuning.Setting> drawn = grid().settings(4, 7);
        assertThat(drawn).hasSize(4).doesNotHaveDuplicates().isSubsetOf(all);
        assertThat(grid().settings(4, 7)).isEqualTo(drawn);
    }

    @Test
    void aKeyWithoutValuesIsRejected() {
        assertThatThrownBy(
                        () ->
                                new Tuning(
                                        "mtl",
                                        Map.of("train.learning.rate", List.of()),
                                        PassSchedule.single()))
                .hasMessageContaining("--grid train.learning.rate");
    }
}
