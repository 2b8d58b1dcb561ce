package glocal.model.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityPolicyTest {

    // W = 16 s, so one bucket per second; active from 3 plays, new below 2 total, high from 4.
    private final ActivityPolicy policy = new ActivityPolicy(16_000, 3, 2, 4, 3);

    private UserActivity plays(long... times) {
        UserActivity s = null;
        for (int i = 0; i < times.length; i++) {
            s = policy.play(s, "t" + i, "US", times[i]);
        }
        return s;
    }

    @Test
    void userWithKPlaysInsideTheWindowIsActive() {
        UserActivity s = plays(0, 5_000, 10_000);
        assertThat(policy.windowViews(s, 10_000)).isEqualTo(3);
        assertThat(policy.isActive(s, 10_000)).isTrue();
    }

    @Test
    void playsOlderThanTheWindowStopCounting() {
        UserActivity s = plays(0, 5_000, 10_000, 30_000);
        assertThat(s.totalViews()).isEqualTo(4);
        assertThat(policy.windowViews(s, 30_000)).isEqualTo(1);
        assertThat(policy.isActive(s, 30_000)).isFalse();
        assertThat(policy.windowViews(plays(0, 5_000, 10_000), 40_000)).isZero();
    }

    @Test
    void latePlayInsideTheWindowCountsButOlderOneOnlyInTotals() {
        UserActivity s = plays(20_000, 10_000, 1_000);
        assertThat(s.totalViews()).isEqualTo(3);
        assertThat(s.firstSeen()).isEqualTo(1_000);
        assertThat(s.lastSeen()).isEqualTo(20_000);
        assertThat(policy.windowViews(s, 20_000)).isEqualTo(2);
    }

    @Test
    void groupsFollowThresholds() {
        assertThat(policy.group(plays(0), 0)).isEqualTo(ActivityGroup.NEW);
        assertThat(policy.group(plays(0, 1_000), 1_000)).isEqualTo(ActivityGroup.LOW);
        assertThat(policy.group(plays(0, 1_000, 2_000, 3_000), 3_000))
                .isEqualTo(ActivityGroup.HIGH);
        assertThat(policy.group(plays(0, 1_000, 2_000, 3_000), 60_000))
                .isEqualTo(ActivityGroup.LOW);
    }

    @Test
    void recentTitlesAreDistinctMostRecentFirstAndCapped() {
        UserActivity s = null;
        for (String t : new String[] {"a", "b", "a", "c", "d"}) {
            s = policy.play(s, t, "US", 0);
        }
        assertThat(s.recentTitles()).containsExactly("d", "c", "a");
    }

    @Test
    void homeTerritoryIsWhereMostPlaysHappen() {
        UserActivity s = policy.play(null, "a", "BR", 0);
        s = policy.play(s, "b", "US", 1);
        s = policy.play(s, "c", "BR", 2);
        assertThat(s.homeTerritory()).isEqualTo("BR");
    }
}
