package glocal.model.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerritoryGroupingTest {

    @Test
    void theVersionFollowsTheContentNotTheLabels() {
        TerritoryGrouping g = TerritoryGrouping.of(Map.of("US", 0, "BR", 1), 2);
        assertThat(TerritoryGrouping.of(new HashMap<>(Map.of("BR", 1, "US", 0)), 2).version())
                .isEqualTo(g.version());
        assertThat(g.withLabels(List.of("AMER", "LATAM")).version()).isEqualTo(g.version());
        assertThat(TerritoryGrouping.of(Map.of("US", 1, "BR", 0), 2).version())
                .isNotEqualTo(g.version());
        assertThat(TerritoryGrouping.of(Map.of("US", 0, "BR", 1), 3).version())
                .isNotEqualTo(g.version());
        assertThat(g.label(1)).isEqualTo("G1");
    }

    @Test
    void anUnknownTerritoryIsHashedOrRejectedAsThePolicySays() {
        TerritoryGrouping hashed = TerritoryGrouping.of(Map.of("US", 0), 4);
        assertThat(hashed.group("JP")).isEqualTo(Math.floorMod("JP".hashCode(), 4));
        TerritoryGrouping rejecting = hashed.withUnknownTerritories(UnknownTerritories.REJECTED);
        assertThat(rejecting.group("US")).isZero();
        assertThatThrownBy(() -> rejecting.group("JP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("territory JP")
                .hasMessageContaining("add it");
    }

    @Test
    void groupsOutsideTheCountAreRejected() {
        assertThatThrownBy(() -> TerritoryGrouping.of(Map.of("US", 4), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("US")
                .hasMessageContaining("0..3");
    }

    @Test
    void theConfigSyntaxParsesWithCommasOrLineBreaksAndNamesABadEntry() {
        assertThat(TerritoryGrouping.parseAssignment("US:0, CA:0,BR:1\nMX:3\n\n"))
                .containsExactly(
                        Map.entry("US", 0),
                        Map.entry("CA", 0),
                        Map.entry("BR", 1),
                        Map.entry("MX", 3));
        assertThat(TerritoryGrouping.parseAssignment("")).isEmpty();
        assertThatThrownBy(() -> TerritoryGrouping.parseAssignment("US:0,CA"))
                .hasMessageContaining("'CA'");
        assertThatThrownBy(() -> TerritoryGrouping.parseAssignment("US:x"))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> TerritoryGrouping.parseAssignment("US:-1"))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> TerritoryGrouping.parseAssignment("US:0,US:1"))
                .hasMessageContaining("twice");
    }

    @Test
    void viewershipSeedsMajorsAndPutsMinorsWithSimilarViewers() {
        Map<String, Map<String, Long>> counts =
                Map.of(
                        "US", Map.of("a", 1000L, "b", 100L),
                        "BR", Map.of("x", 800L, "y", 100L),
                        "CA", Map.of("a", 90L, "b", 20L),
                        "PT", Map.of("x", 60L, "y", 10L));
        TerritoryGrouping g = GroupingStrategy.viewership(2).group(counts);
        assertThat(g.assignment())
                .containsExactly(
                        Map.entry("BR", 1),
                        Map.entry("CA", 0),
                        Map.entry("PT", 1),
                        Map.entry("US", 0));
        assertThat(GroupingStrategy.viewership(2).group(counts).version()).isEqualTo(g.version());
    }

    @Test
    void viewershipBalancePullsAMinorTowardsTheSmallerGroup() {
        // KR's titles are unrelated to both majors, so the balance term decides: the smaller group.
        Map<String, Map<String, Long>> counts =
                Map.of("US", Map.of("a", 1000L), "BR", Map.of("x", 400L), "KR", Map.of("k", 50L));
        assertThat(GroupingStrategy.viewership(2).group(counts).group("KR")).isEqualTo(1);
    }

    @Test
    void volumeDealsTerritoriesByPlaysRoundRobin() {
        Map<String, Map<String, Long>> counts =
                Map.of(
                        "US",
                        Map.of("a", 50L),
                        "BR",
                        Map.of("a", 40L),
                        "CA",
                        Map.of("a", 30L),
                        "PT",
                        Map.of(),
                        "MX",
                        Map.of("b", 30L));
        assertThat(GroupingStrategy.volume(2).group(counts).assignment())
                .containsExactly(
                        Map.entry("BR", 1),
                        Map.entry("CA", 0),
                        Map.entry("MX", 1),
                        Map.entry("PT", 0),
                        Map.entry("US", 0));
    }

    @Test
    void regionGroupsAreLabelledWithTheRegionsAndIgnoreThePlays() {
        TerritoryGrouping g =
                GroupingStrategy.region(
                                Map.of("US", "AMER", "BR", "LATAM", "CA", "AMER"),
                                List.of("AMER", "LATAM"))
                        .group(Map.of());
        assertThat(g.group("CA")).isZero();
        assertThat(g.group("BR")).isEqualTo(1);
        assertThat(g.labels()).containsExactly("AMER", "LATAM");
    }

    /**
     * Twelve territories in four groups; the recomputed grouping moves two of them and, as a fresh
     * computation does, numbers its groups its own way. Aligned, the ten that stayed keep their ids
     * (their users keep their heads); only the two that moved change group.
     */
    @Test
    void aRegroupingKeepsTheGroupIdsOfTheTerritoriesThatDidNotMove() {
        TerritoryGrouping old =
                TerritoryGrouping.of(
                        Map.ofEntries(
                                Map.entry("US", 0),
                                Map.entry("CA", 0),
                                Map.entry("MX", 0),
                                Map.entry("BR", 1),
                                Map.entry("AR", 1),
                                Map.entry("CL", 1),
                                Map.entry("DE", 2),
                                Map.entry("FR", 2),
                                Map.entry("PT", 2),
                                Map.entry("JP", 3),
                                Map.entry("KR", 3),
                                Map.entry("TH", 3)),
                        4);
        // Groups renumbered 0→2, 1→3, 2→0, 3→1; MX moves to BR's group, PT to JP's.
        TerritoryGrouping fresh =
                TerritoryGrouping.of(
                        Map.ofEntries(
                                Map.entry("US", 2),
                                Map.entry("CA", 2),
                                Map.entry("MX", 3),
                                Map.entry("BR", 3),
                                Map.entry("AR", 3),
                                Map.entry("CL", 3),
                                Map.entry("DE", 0),
                                Map.entry("FR", 0),
                                Map.entry("PT", 1),
                                Map.entry("JP", 1),
                                Map.entry("KR", 1),
                                Map.entry("TH", 1)),
                        4);
        TerritoryGrouping aligned = fresh.alignedTo(old, Map.of());
        int stayed = 0;
        for (String t : old.assignment().keySet()) {
            if (!t.equals("MX") && !t.equals("PT")) {
                assertThat(aligned.group(t)).as(t).isEqualTo(old.group(t));
                stayed++;
            }
        }
        assertThat(stayed).isEqualTo(10);
        assertThat(aligned.group("MX")).isEqualTo(old.group("BR"));
        assertThat(aligned.group("PT")).isEqualTo(old.group("JP"));
        // The same partition as the fresh one: only the names of the groups changed.
        assertThat(aligned.group("MX")).isEqualTo(aligned.group("AR"));
        assertThat(aligned.alignedTo(aligned, Map.of())).isEqualTo(aligned);
    }

    @Test
    void whenAMajorTerritoryOvertakesAnotherTheirGroupsKeepTheirIds() {
        // The viewership strategy seeds group g with the g-th largest territory: when DE grows past
        // US,
        // a fresh computation swaps their group ids, which would send every US user to DE's head.
        GroupingStrategy viewership = GroupingStrategy.viewership(2);
        Map<String, Map<String, Long>> before =
                Map.of(
                        "US",
                        Map.of("a", 900L),
                        "DE",
                        Map.of("d", 500L),
                        "CA",
                        Map.of("a", 50L),
                        "AT",
                        Map.of("d", 40L));
        Map<String, Map<String, Long>> after =
                Map.of(
                        "US",
                        Map.of("a", 900L),
                        "DE",
                        Map.of("d", 1500L),
                        "CA",
                        Map.of("a", 60L),
                        "AT",
                        Map.of("d", 45L));
        TerritoryGrouping first = viewership.group(before);
        assertThat(viewership.group(after).group("US"))
                .as("a fresh computation renumbers")
                .isNotEqualTo(first.group("US"));
        TerritoryGrouping next = viewership.regroup(first, after);
        for (String t : List.of("US", "DE", "CA", "AT")) {
            assertThat(next.group(t)).as(t).isEqualTo(first.group(t));
        }
        assertThat(next.version()).isEqualTo(first.version());
    }

    @Test
    void theirPlaysDecideWhichGroupKeepsAnIdWhenTwoClaimIt() {
        // Old group 0 = {US, UY, PY}; it splits into {US} and {UY, PY}: the id follows the users
        // (US's plays).
        TerritoryGrouping old = TerritoryGrouping.of(Map.of("US", 0, "UY", 0, "PY", 0, "BR", 1), 3);
        TerritoryGrouping fresh =
                TerritoryGrouping.of(Map.of("US", 2, "UY", 1, "PY", 1, "BR", 0), 3);
        TerritoryGrouping aligned =
                fresh.alignedTo(old, Map.of("US", 1000L, "UY", 10L, "PY", 5L, "BR", 500L));
        assertThat(aligned.group("US")).isZero();
        assertThat(aligned.group("BR")).isEqualTo(1);
        assertThat(aligned.group("UY")).isEqualTo(2).isEqualTo(aligned.group("PY"));
    }

    @Test
    void aDifferentGroupCountIsADifferentModelAndIsNotAligned() {
        TerritoryGrouping old = TerritoryGrouping.of(Map.of("US", 0, "BR", 1), 2);
        TerritoryGrouping fresh = TerritoryGrouping.of(Map.of("US", 2, "BR", 0), 3);
        assertThat(fresh.alignedTo(old, Map.of())).isSameAs(fresh);
        assertThat(fresh.alignedTo(null, Map.of())).isSameAs(fresh);
    }
}
