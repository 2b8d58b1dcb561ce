package glocal.model.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlayWindowsTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void negativesComeFromTheCurrentAndThePreviousWindowOnly() {
        PlayWindows w = new PlayWindows(HOUR, 0.75, PlayWindows.NO_SINK);
        w.play("US", "old", 10);
        w.play("US", "mid", HOUR + 10);
        assertThat(w.sampler().count("US", "old")).isEqualTo(1);
        w.play("US", "new", 2 * HOUR + 10); // the first window leaves
        assertThat(w.sampler().count("US", "old")).isZero();
        assertThat(w.sampler().count("US", "mid")).isEqualTo(1);
        assertThat(w.byTerritory().get("US")).containsOnlyKeys("mid", "new");
        assertThat(w.play("US", "late", 15))
                .as("older than the previous window: not held")
                .isFalse();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            assertThat(w.sampler().sample("US", random)).isIn("mid", "new");
        }
    }

    @Test
    void changedCountsReachTheSinkOncePerFlushAndBeforeAWindowLeaves() {
        List<String> written = new ArrayList<>();
        PlayWindows w =
                new PlayWindows(
                        HOUR,
                        0.75,
                        (start, key, n, tt) -> written.add(start + " " + key + " " + n));
        w.play("US", "a", 1);
        w.play("US", "a", 2);
        w.writeDirty();
        assertThat(written).containsExactlyInAnyOrder("0 US\ta 2", "0 a 2");
        written.clear();
        w.writeDirty();
        assertThat(written).isEmpty();
        w.play("US", "a", 3);
        w.play("US", "b", 3 * HOUR); // slides past both windows: a's last count is written first
        assertThat(written).containsExactlyInAnyOrder("0 US\ta 3", "0 a 3");
    }

    @Test
    void restoredCountsKeepTheNewestTwoWindowsForSampling() {
        PlayWindows w = new PlayWindows(HOUR, 0.75, PlayWindows.NO_SINK);
        w.restore(0, PlayWindows.key("US", "gone"), 5, true);
        w.restore(HOUR, PlayWindows.key("US", "kept"), 3, true);
        w.restore(2 * HOUR, PlayWindows.key("BR", "newest"), 2, true);
        w.restore(2 * HOUR, "newest", 2, false);
        w.restored();
        assertThat(w.hasPlays()).isTrue();
        assertThat(w.sampler().count("US", "gone")).isZero();
        assertThat(w.sampler().count("US", "kept")).isEqualTo(3);
        assertThat(w.sampler().count("BR", "newest")).isEqualTo(2);
    }
}
