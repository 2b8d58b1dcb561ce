package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.model.data.files.ReadReport;
import glocal.model.data.files.ViewFiles;
import glocal.model.data.files.ViewReader;
import glocal.model.evaluation.reference.ReferenceConfig;
import glocal.model.evaluation.reference.References;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.territory.GroupingStrategy;
import glocal.model.territory.TerritoryGrouping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolWarningsTest {

    private static final long START = 1_700_000_000_000L;
    private static final Evaluator EVALUATOR = new Evaluator(1_000, (m, b) -> {}, (m, d, t) -> {});

    private static EvaluationProtocol protocol() {
        return new EvaluationProtocol(
                0.8, 256, LabellingPolicy.defaults().withNegativesPerPositive(2).withSeed(5));
    }

    private static List<String> warnings(EvaluationData data) {
        return ProtocolWarnings.of(data, EVALUATOR.rankedUsers(data));
    }

    /** The tiny preset with enough users for 200 test users: a healthy split. */
    private static EvaluationData healthy() {
        SyntheticWorld world =
                new SyntheticWorld(
                        EvaluationPresets.preset("tiny").toBuilder().users(1_000).build(), 5);
        return protocol().synthetic(world, 20_000);
    }

    private static View view(String user, String title, String territory, long time, boolean play) {
        return new View(
                user + "/" + title + "/" + time,
                user,
                title,
                territory,
                time,
                play ? ViewType.PLAY : ViewType.IMPRESSION,
                play ? 1f : 0f,
                play,
                false);
    }

    /**
     * {@code users} users in AA and BB, each with {@code perUser} views of titles t0, t1, ...;
     * every {@code impressionEvery}-th view an impression (0: none). Times interleave users unless
     * {@code groupedByUser} (each user's views contiguous, as a file sorted by user with
     * line-number times).
     */
    private static List<View> views(
            int users, int perUser, int impressionEvery, boolean groupedByUser) {
        List<View> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < perUser; i++) {
                long time =
                        groupedByUser
                                ? START + (long) u * perUser + i
                                : START + (long) i * users + u;
                boolean play = impressionEvery == 0 || (i + u) % impressionEvery != 0;
                out.add(
                        view(
                                "u" + u,
                                "t" + ((u + i * 7) % 40),
                                u % 2 == 0 ? "AA" : "BB",
                                time,
                                play));
            }
        }
        return out;
    }

    private static EvaluationData split(EvaluationProtocol protocol, List<View> views) {
        return protocol.split(
                views,
                GroupingStrategy.fixed(TerritoryGrouping.of(Map.of("AA", 0, "BB", 1), 2)),
                LocalRule.overRepresentation());
    }

    @Test
    void aHealthySplitGivesNoWarning() {
        EvaluationData data = healthy();
        assertThat(EVALUATOR.rankedUsers(data).size())
                .isGreaterThanOrEqualTo(ProtocolWarnings.MIN_TEST_USERS);
        assertThat(warnings(data)).isEmpty();
    }

    @Test
    void fewerThan200TestUsersAreSaid() {
        EvaluationData data = split(protocol(), views(60, 20, 3, false));
        assertThat(warnings(data))
                .anySatisfy(w -> assertThat(w).startsWith("only 60 test users are ranked"));
        // Capped by --test-users: says how many there were.
        Evaluator capped = new Evaluator(20, (m, b) -> {}, (m, d, t) -> {});
        assertThat(ProtocolWarnings.of(data, capped.rankedUsers(data)))
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .startsWith(
                                                "only 20 test users are ranked of 60 (raise --test-users)"));
    }

    @Test
    void aFileGroupedByUserWithoutRealTimesIsSaidAndItsTimeSplitCutsBetweenUsers() {
        List<View> grouped = views(300, 20, 3, true);
        EvaluationData data = split(protocol(), grouped);
        assertThat(data.split().contiguousShare()).isEqualTo(1.0);
        assertThat(warnings(data))
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .contains(
                                                "event times do not interleave across users (100% of the 300 users")
                                        .contains("The time split then becomes a user split")
                                        .contains("--split user-time"));
        // The cut between users leaves only the one user it falls on with a past and a future.
        assertThat(EVALUATOR.rankedUsers(data)).hasSizeLessThanOrEqualTo(1);
        // The user-time split gives every user a future, and says that the times are not real.
        EvaluationData perUser = split(protocol().withSplit(SplitMode.USER_TIME), grouped);
        assertThat(EVALUATOR.rankedUsers(perUser)).hasSizeGreaterThan(250);
        assertThat(warnings(perUser))
                .anySatisfy(
                        w -> assertThat(w).contains("takes each user's last views in file order"));
    }

    @Test
    void equalEventTimesAreSaid() {
        List<View> same =
                views(300, 20, 3, false).stream()
                        .map(
                                v ->
                                        new View(
                                                v.eventId(),
                                                v.userId(),
                                                v.titleId(),
                                                v.territory(),
                                                START,
                                                v.type(),
                                                v.watchRatio(),
                                                v.finished(),
                                                v.skipped()))
                        .toList();
        EvaluationData data = split(protocol().withSplit(SplitMode.USER_TIME), same);
        assertThat(data.split().distinctEventTimes()).isEqualTo(1);
        assertThat(warnings(data))
                .anySatisfy(w -> assertThat(w).startsWith("every view has the same event time"));
    }

    @Test
    void aTestBaseRateAbove08IsSaid() {
        EvaluationData data = split(protocol(), views(300, 20, 10, false));
        assertThat(warnings(data)).anySatisfy(w -> assertThat(w).startsWith("test base rate 0.9"));
        EvaluationData balanced = split(protocol(), views(300, 20, 2, false));
        assertThat(warnings(balanced)).noneSatisfy(w -> assertThat(w).startsWith("test base rate"));
    }

    @Test
    void aTestSplitWithoutNegativesIsSaidAndItsPrAucIsNotAvailable() {
        EvaluationData data = split(protocol(), views(300, 20, 0, false));
        assertThat(warnings(data))
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .startsWith("the test split has no negatives")
                                        .contains("test_pr_auc and test_auc are n/a"));
        List<MetricRow> rows = References.evaluate(EVALUATOR, data, ReferenceConfig.defaults(), 1);
        assertThat(rows)
                .filteredOn(
                        r ->
                                r.metric().equals(Evaluator.TEST_PR_AUC)
                                        || r.metric().equals(Evaluator.TEST_AUC))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()).isNaN());
    }

    @Test
    void aTerritoryGroupWithoutTestUsersIsSaid() {
        EvaluationData data =
                protocol()
                        .split(
                                views(300, 20, 3, false),
                                GroupingStrategy.fixed(
                                        TerritoryGrouping.of(Map.of("AA", 0, "BB", 1, "CC", 2), 3)),
                                LocalRule.overRepresentation());
        assertThat(warnings(data))
                .anySatisfy(w -> assertThat(w).startsWith("no ranked test user in territory=G2"));
    }

    private static ReadReport read(Path file, int good, int bad) throws IOException {
        List<String> lines =
                new ArrayList<>(List.of("user_id,title_id,territory,event_time,event_type"));
        for (int i = 0; i < good + bad; i++) {
            lines.add("u" + i + ",t1,AA," + (START + i) + "," + (i < good ? "PLAY" : "CLICK"));
        }
        Files.write(file, lines);
        ReadReport report = new ReadReport();
        try (ViewReader reader = ViewFiles.open(file, report)) {
            reader.forEachRemaining(v -> {});
        }
        return report;
    }

    @Test
    void manyRejectedLinesOfAFileAreSaidAndAFewAreNot(@TempDir Path dir) throws IOException {
        assertThat(ProtocolWarnings.ofFile("many.csv", read(dir.resolve("many.csv"), 90, 10)))
                .containsExactly(
                        "10 of 100 lines of many.csv (10.0%) were rejected and left out (reasons above): the split "
                                + "holds what remains");
        assertThat(ProtocolWarnings.ofFile("few.csv", read(dir.resolve("few.csv"), 999, 1)))
                .isEmpty();
    }

    @Test
    void everyRecommenderReportsTheSameTestUsersAndHeldOutPlaysPerGroup() {
        EvaluationData data = healthy();
        List<MetricRow> rows =
                new ArrayList<>(
                        References.evaluate(EVALUATOR, data, ReferenceConfig.defaults(), 1));
        rows.addAll(EVALUATOR.run(data, List.of(ModelVariant.parse("baseline", 4, 1)), 1));
        List<String> ranked = EVALUATOR.rankedUsers(data);
        for (String group : Evaluator.groupOrder(data)) {
            List<String> inGroup =
                    ranked.stream()
                            .filter(
                                    u ->
                                            group.equals(GroupedBinaryMetrics.ALL)
                                                    || group.equals(
                                                            ReportGroups.territoryGroup(
                                                                    data,
                                                                    data.grouping()
                                                                            .group(
                                                                                    data.userTerritory()
                                                                                            .get(
                                                                                                    u))))
                                                    || group.equals(ReportGroups.userGroup(data, u))
                                                    || group.equals(
                                                            ReportGroups.sizeGroup(
                                                                    data,
                                                                    data.userTerritory().get(u))))
                            .toList();
            long heldOut = inGroup.stream().mapToLong(u -> data.heldOut().get(u).size()).sum();
            for (String model : List.of(References.MOST_POPULAR, References.EASE, "baseline")) {
                assertThat(rows)
                        .as(model + " " + group)
                        .anyMatch(
                                r ->
                                        r.model().equals(model)
                                                && r.group().equals(group)
                                                && r.metric().equals(Evaluator.TEST_USERS)
                                                && r.value() == inGroup.size());
                assertThat(rows)
                        .as(model + " " + group)
                        .anyMatch(
                                r ->
                                        r.model().equals(model)
                                                && r.group().equals(group)
                                                && r.metric().equals(Evaluator.HELD_OUT)
                                                && r.value() == heldOut);
            }
        }
    }
}
