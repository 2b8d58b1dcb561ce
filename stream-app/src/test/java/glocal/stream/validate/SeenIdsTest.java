package glocal.stream.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void knowsWhatWasAddedToCompleteBuckets() {
        SeenIds ids = new SeenIds(100, 1_000, Long.MIN_VALUE);
        ids.add(0, 42);
        ids.add(0, 0); // 0 is the empty-slot marker internally
        assertThat(ids.complete(0)).isTrue();
        assertThat(ids.mayContain(0, 42)).isTrue();
        assertThat(ids.mayContain(0, 0)).isTrue();
        assertThat(ids.mayContain(0, 43)).isFalse();
        assertThat(ids.mayContain(100, 42)).isFalse();
        assertThat(ids.size()).isEqualTo(2);
    }

    @Test
    void setsGrowWithoutLosingFingerprints() {
        SeenIds.LongSet set = new SeenIds.LongSet();
        SplittableRandom rng = new SplittableRandom(5);
        long[] values = new long[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextLong();
            assertThat(set.add(values[i])).isTrue();
        }
        assertThat(set.add(values[17])).isFalse();
        assertThat(set.size()).isEqualTo(values.length);
        for (long v : values) {
            assertThat(set.contains(v)).isTrue();
        }
        assertThat(set.contains(rng.nextLong())).isFalse();
    }

    @Test
    void overCapacityTheOldestBucketIsDroppedAndItsLookupsGoToTheStore() {
        SeenIds ids = new SeenIds(100, 3, Long.MIN_VALUE);
        ids.add(0, 1);
        ids.add(0, 2);
        ids.add(100, 3);
        assertThat(ids.complete(0)).isTrue();
        ids.add(200, 4); // four fingerprints over a capacity of three: bucket 0 goes
        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.completeFrom()).isEqualTo(100);
        assertThat(ids.complete(0)).isFalse();
        assertThat(ids.complete(100)).isTrue();
        ids.add(0, 9); // not tracked any more: bucket 0 is answered by the store
        assertThat(ids.mayContain(0, 9)).isFalse();
        assertThat(ids.size()).isEqualTo(2);
    }

    @Test
    void forgettingOldBucketsAndGivingUpMakeThemIncomplete() {
        SeenIds ids = new SeenIds(100, 1_000, Long.MIN_VALUE);
        ids.add(0, 1);
        ids.add(100, 2);
        ids.add(200, 3);
        ids.forgetBefore(200);
        assertThat(ids.size()).isEqualTo(1);
        assertThat(ids.complete(100)).isFalse();
        assertThat(ids.mayContain(200, 3)).isTrue();
        ids.incompleteThrough(200);
        assertThat(ids.complete(200)).isFalse();
        assertThat(ids.complete(300)).isTrue();
        assertThat(ids.size()).isZero();
    }
}
