package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.model.data.View;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.synthetic.Territory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupingChoiceTest {

    private static final SyntheticWorld WORLD =
            new SyntheticWorld(EvaluationPresets.preset("tiny"), 5);

    private static List<View> views() {
        List<View> views = new ArrayList<>();
        WORLD.views(3_000).forEachRemaining(views::add);
        return views;
    }

    private static EvaluationProtocol protocol() {
        return new EvaluationProtocol(
                0.8, 256, LabellingPolicy.defaults().withNegativesPerPositive(2).withSeed(5));
    }

    @Test
    void aFileInTheConfigSyntaxGivesTheGroupsOfEveryView(@TempDir Path dir) throws Exception {
        String entries =
                WORLD.territories().stream()
                        .map(
                                t ->
                                        t.code()
                                                + ":"
                                                + (t.region().ordinal() == 3
                                                        ? 2
                                                        : t.region().ordinal() % 2))
                        .collect(Collectors.joining("\n"));
        Path file =
                Files.writeString(dir.resolve("groups.txt"), "# three groups\n" + entries + "\n");
        EvaluationData data = protocol().fromViews(views(), GroupingChoice.parse(file.toString()));
        assertThat(data.grouping().groups()).isEqualTo(3);
        for (Territory t : WORLD.territories()) {
            assertThat(data.grouping().group(t.code()))
                    .isEqualTo(t.region().ordinal() == 3 ? 2 : t.region().ordinal() % 2);
        }
    }

    @Test
    void aFileThatMissesATerritoryOfTheViewsIsRejectedNamingIt(@TempDir Path dir) throws Exception {
        String entries =
                WORLD.territories().stream()
                        .filter(t -> !t.code().equals("BR"))
                        .map(t -> t.code() + ":0")
                        .collect(Collectors.joining(","));
        Path file = Files.writeString(dir.resolve("groups.txt"), entries);
        assertThatThrownBy(
                        () -> protocol().fromViews(views(), GroupingChoice.parse(file.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("territory BR");
    }

    @Test
    void volumeAndViewershipAreComputedFromTheTrainingPlaysOfAFile() {
        EvaluationData byVolume = protocol().fromViews(views(), GroupingChoice.VOLUME);
        EvaluationData byViewership = protocol().fromViews(views(), GroupingChoice.VIEWERSHIP);
        assertThat(byVolume.grouping().groups()).isEqualTo(4);
        assertThat(byViewership.grouping().groups()).isEqualTo(4);
        // Volume deals the four territories with the most training plays one to each group.
        Map<String, Long> plays = new java.util.HashMap<>();
        for (var b : byVolume.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                if (b.play()[i] > 0) {
                    plays.merge(b.territories()[i], 1L, Long::sum);
                }
            }
        }
        List<String> largest =
                plays.entrySet().stream()
                        .sorted(
                                Map.Entry.<String, Long>comparingByValue()
                                        .reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                        .limit(4)
                        .map(Map.Entry::getKey)
                        .toList();
        assertThat(largest.stream().map(byVolume.grouping()::group).distinct()).hasSize(4);
        assertThat(byViewership.grouping().assignment())
                .containsOnlyKeys(byVolume.grouping().assignment().keySet());
    }

    @Test
    void regionNeedsAWorldAndABadValueNamesTheChoices(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> protocol().fromViews(views(), GroupingChoice.REGION))
                .hasMessageContaining("--groups region")
                .hasMessageContaining("viewership");
        assertThatThrownBy(() -> GroupingChoice.parse(dir.resolve("nothing-here").toString()))
                .hasMessageContaining(
                        "neither region, volume, viewership nor a readable grouping file");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "US:0,BR");
        assertThatThrownBy(() -> GroupingChoice.parse(bad.toString()))
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("'BR' is not TERRITORY:GROUP");
        EvaluationData byRegion = protocol().synthetic(WORLD, 3_000, GroupingChoice.REGION);
        assertThat(byRegion.grouping().labels()).containsExactly("AMER", "LATAM", "EMEA", "APAC");
        assertThat(byRegion.grouping().group("BR")).isEqualTo(1);
        assertThat(Map.of("US", byRegion.grouping().group("US"))).containsEntry("US", 0);
    }
}
