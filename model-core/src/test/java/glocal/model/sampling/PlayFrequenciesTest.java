package glocal.model.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PlayFrequenciesTest {

    @Test
    void shareFollowsTheDecayedCounts() {
        PlayFrequencies f = new PlayFrequencies(0.75, 10);
        for (int i = 0; i < 9; i++) {
            f.play("US", "a");
        }
        f.play("US", "b");
        // a: 9, b: 1, two titles: log((9 + 1) / (10 + 2 + 1))
        assertThat(f.logShare("a")).isCloseTo(Math.log(10.0 / 13), offset(1e-12));
        assertThat(f.logShare("b")).isCloseTo(Math.log(2.0 / 13), offset(1e-12));
        assertThat(f.logShare("never")).isCloseTo(Math.log(1.0 / 13), offset(1e-12));
        // ten steps later the nine plays of a count 4.5; a new play of b counts 1
        f.at(10);
        f.play("US", "b");
        assertThat(f.logShare("a")).isCloseTo(Math.log(5.5 / (4.5 + 1.5 + 2 + 1)), offset(1e-9));
        assertThat(f.logShare("b")).isCloseTo(Math.log(2.5 / 9.0), offset(1e-9));
    }

    @Test
    void mostPlayedRanksATerritorysTitlesByCountThenId() {
        PlayFrequencies f = new PlayFrequencies(0, 10);
        f.play("US", "b");
        f.play("US", "c");
        f.play("US", "c");
        f.play("US", "a");
        f.play("FR", "z");
        f.play("FR", "z");
        f.play("FR", "z");
        assertThat(f.mostPlayed("US", 10)).containsExactly("c", "a", "b");
        assertThat(f.mostPlayed("US", 2)).containsExactly("c", "a");
        assertThat(f.mostPlayed("FR", 10)).containsExactly("z");
        assertThat(f.mostPlayed("DE", 10)).isEmpty();
        // decay scales every count alike: a newer single play outranks older ones once they fade
        f.at(20);
        f.play("US", "b");
        assertThat(f.mostPlayed("US", 3)).containsExactly("b", "c", "a");
    }

    @Test
    void samplingProbabilityIsTheTerritorysCountToTheBeta() {
        PlayFrequencies f = new PlayFrequencies(0.5, 1_000);
        for (int i = 0; i < 16; i++) {
            f.play("BR", "a");
        }
        for (int i = 0; i < 4; i++) {
            f.play("BR", "b");
        }
        f.play("US", "a");
        // BR: a^0.5 = 4, b^0.5 = 2, sum 6
        assertThat(f.logSamplingProbability("BR", "a")).isCloseTo(Math.log(5.0 / 7), offset(1e-9));
        assertThat(f.logSamplingProbability("BR", "b")).isCloseTo(Math.log(3.0 / 7), offset(1e-9));
        assertThat(f.logSamplingProbability("BR", "c")).isCloseTo(Math.log(1.0 / 7), offset(1e-9));
        assertThat(f.logSamplingProbability("ZZ", "a")).isZero();
        assertThat(f.logTitlesPlayed("BR")).isCloseTo(Math.log(2), offset(1e-12));
    }

    @Test
    void estimatesFollowTheClosedFormBeforeAndAfterTheDecayIsFoldedBack() {
        PlayFrequencies f = new PlayFrequencies(0.75, 1);
        f.play("US", "a");
        f.play("US", "b");
        f.play("US", "b");
        for (int step :
                new int[] {39, 41, 60}) { // 2^39 < 1e12 < 2^41: folded back at 41, and again later
            f.at(step);
            double a = Math.pow(2, -step);
            double b = 2 * a;
            double pa = Math.pow(a, 0.75);
            double pb = Math.pow(b, 0.75);
            assertThat(f.logSamplingProbability("US", "a"))
                    .as("step %d", step)
                    .isCloseTo(Math.log((pa + 1) / (pa + pb + 1)), offset(1e-12));
            assertThat(f.logShare("b"))
                    .as("step %d", step)
                    .isCloseTo(Math.log((b + 1) / (a + b + 2 + 1)), offset(1e-12));
        }
        f.play("US", "a");
        assertThat(f.logSamplingProbability("US", "a"))
                .isCloseTo(Math.log(2.0 / 2.0), offset(1e-9));
        assertThatThrownBy(() -> f.at(59)).hasMessageContaining("cannot go back");
    }

    @Test
    void stateRoundTripsBitForBit() throws IOException {
        PlayFrequencies f = new PlayFrequencies(0.75, 7);
        for (int i = 0; i < 50; i++) {
            f.at(i);
            f.play(i % 3 == 0 ? "US" : "BR", "t" + (i % 7));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        f.write(new DataOutputStream(bytes));
        PlayFrequencies r =
                PlayFrequencies.read(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (PlayFrequencies x : new PlayFrequencies[] {f, r}) {
            x.at(60);
            x.play("US", "t1");
        }
        for (int t = 0; t < 8; t++) {
            assertThat(r.logShare("t" + t)).isEqualTo(f.logShare("t" + t));
            assertThat(r.logSamplingProbability("BR", "t" + t))
                    .isEqualTo(f.logSamplingProbability("BR", "t" + t));
        }
    }

    @Test
    void rolledBackPlaysLeaveEveryEstimateAndTheSavedStateAsTheyWere() throws IOException {
        PlayFrequencies f = new PlayFrequencies(0.75, 7);
        for (int i = 0; i < 30; i++) {
            f.at(i);
            f.play(i % 3 == 0 ? "US" : "BR", "t" + (i % 5));
        }
        f.at(31);
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        f.write(new DataOutputStream(before));
        f.begin();
        // known and new titles, a known and a new territory, a title played twice
        for (String[] play :
                new String[][] {{"US", "t1"}, {"BR", "t9"}, {"IN", "t1"}, {"US", "t1"}}) {
            f.play(play[0], play[1]);
        }
        assertThat(f.logCount("IN", "t1")).isGreaterThan(0);
        f.rollback();
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        f.write(new DataOutputStream(after));
        assertThat(after.toByteArray()).isEqualTo(before.toByteArray());
        assertThat(f.logTitlesPlayed("IN")).isZero();
        // committed plays stay
        f.begin();
        f.play("US", "t1");
        f.commit();
        f.rollback();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        f.write(new DataOutputStream(kept));
        assertThat(kept.toByteArray()).isNotEqualTo(before.toByteArray());
    }
}
