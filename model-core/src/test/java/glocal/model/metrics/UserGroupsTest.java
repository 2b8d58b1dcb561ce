package glocal.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserGroupsTest {

    // Percentiles: d 0.25, c 0.5, b 0.75, a 1.0.
    private static final Popularity<String> POP =
            Popularity.of(Map.of("a", 4L, "b", 3L, "c", 2L, "d", 1L));
    private static final Map<String, List<String>> HISTORIES =
            Map.of(
                    "u1", List.of("d"), // 0.25
                    "u2", List.of("c", "d"), // 0.375
                    "u3", List.of("b"), // 0.75
                    "u4", List.of("a", "b"), // 0.875
                    "u5", List.of("a"), // 1.0
                    "u6", List.of());

    @Test
    void usersAreCutIntoEqualGroupsFromNicheToMainstream() {
        UserGroups two = UserGroups.byMainstreamness(HISTORIES, POP, 2);
        // 5 users, rank r goes to group floor(r·2/5): ranks 0,1,2 → niche; 3,4 → mainstream.
        assertThat(List.of("u1", "u2", "u3", "u4", "u5"))
                .extracting(two::labelOf)
                .containsExactly("niche", "niche", "niche", "mainstream", "mainstream");
        assertThat(two.size(0)).isEqualTo(3);
        assertThat(two.mainstreamness("u2")).isCloseTo(0.375, within(1e-12));

        UserGroups five = UserGroups.byMainstreamness(HISTORIES, POP, 5);
        assertThat(five.labels()).containsExactly("niche", "q2", "q3", "q4", "mainstream");
        assertThat(List.of("u1", "u2", "u3", "u4", "u5"))
                .extracting(five::group)
                .containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void usersWithoutHistoryHaveNoGroupAndTooFewUsersFail() {
        UserGroups groups = UserGroups.byMainstreamness(HISTORIES, POP, 2);
        assertThat(groups.contains("u6")).isFalse();
        assertThatThrownBy(() -> groups.group("u6")).hasMessageContaining("'u6'");
        assertThatThrownBy(() -> UserGroups.byMainstreamness(HISTORIES, POP, 6))
                .hasMessageContaining("cannot split 5 users into 6 groups");
    }
}
