package glocal.stream.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticTitle;
import glocal.model.synthetic.SyntheticUser;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.validation.ProgressiveTerritoryList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelComparisonTest {

    private final SyntheticWorld world =
            new SyntheticWorld(
                    SyntheticConfig.defaults().toBuilder()
                            .users(200)
                            .globalTitles(20)
                            .regionalTitlesPerRegion(2)
                            .localTitlesPerTerritory(2)
                            .build(),
                    7L);

    @Test
    void theTerritoryListIsReadFromItsOwnValidationAndTheHomeTerritorysTopK() {
        SyntheticUser here = world.user(0);
        SyntheticUser there =
                IntStream.range(1, world.userCount())
                        .mapToObj(world::user)
                        .filter(u -> u.region() != here.region())
                        .findFirst()
                        .orElseThrow();
        String h = here.homeTerritory();
        String t = there.homeTerritory();
        String local = world.localTitles(h).get(0).titleId();
        String localThere = world.localTitles(t).get(0).titleId();
        List<String> global =
                world.titles().stream()
                        .filter(title -> !title.isLocal())
                        .map(SyntheticTitle::titleId)
                        .limit(2)
                        .toList();

        ProgressiveTerritoryList list = new ProgressiveTerritoryList(1_000);
        list.step(
                ExampleBatch.builder("b1")
                        .add("a", local, h, 0, 0, ExampleKind.PLAY, 1f, 1f, 1L)
                        .add("b", local, h, 0, 0, ExampleKind.PLAY, 1f, 1f, 1L)
                        .add("c", global.get(0), h, 0, 0, ExampleKind.PLAY, 1f, 1f, 1L)
                        .add("d", global.get(1), h, 0, 0, ExampleKind.IMPRESSION, 0f, 1f, 1L)
                        .build());
        list.step(
                ExampleBatch.builder("b2")
                        .add("e", local, h, 0, 0, ExampleKind.PLAY, 1f, 1f, 2L)
                        .add("f", global.get(0), h, 0, 0, ExampleKind.PLAY, 1f, 1f, 2L)
                        .add("g", global.get(1), h, 0, 0, ExampleKind.PLAY, 1f, 1f, 2L)
                        .build());
        // The other territory plays its own local title once and the first one's twice.
        list.step(
                ExampleBatch.builder("b3")
                        .add("x", localThere, t, 1, 0, ExampleKind.PLAY, 1f, 1f, 3L)
                        .add("y", local, t, 1, 0, ExampleKind.PLAY, 1f, 1f, 3L)
                        .add("z", local, t, 1, 0, ExampleKind.PLAY, 1f, 1f, 3L)
                        .build());

        ModelComparison.ModelResult result =
                new ModelComparison(world, 10, 2)
                        .territoryList(list, Map.of(0, List.of(here), 1, List.of(there)));

        assertThat(result.model()).isEqualTo(ModelComparison.TERRITORY_LIST);
        // G0: b1 all at 0 (3 plays, 1 impression), then b2 ranks the local title (2 plays before)
        // over global 0 (1 play) over global 1 (only shown): 1/6 + 1/6 + (4/6)(6/7) = 19/21.
        assertThat(result.prAuc().get("territoryGroup=G0")).isCloseTo(19.0 / 21, within(1e-9));
        // Home territory's top 2: the local title (3 plays) and global 0 (2): half local.
        assertThat(result.groups().get(0).localShare()).isCloseTo(0.5, within(1e-9));
        assertThat(result.groups().get(0).territories()).containsExactly(h);
        // The other territory's own counts: the first territory's local title (not local there,
        // another region) then its own; with the first territory's counts it would be 0.
        assertThat(result.groups().get(1).localShare()).isCloseTo(0.5, within(1e-9));
    }
}
