package glocal.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdMapTest {

    @Test
    void newIdsGetDistinctRowsAndKeepThem() {
        IdMap map = new IdMap(new IdMapConfig(1, 100, 0));
        assertThat(map.observe("a", 0)).isEqualTo(-1);
        assertThat(map.observe("b", 0)).isEqualTo(-2);
        assertThat(map.observe("a", 1)).isEqualTo(1);
        assertThat(map.rowOf("b")).isEqualTo(2);
        assertThat(map.rowOf("never")).isEqualTo(IdMap.UNKNOWN_ROW);
        assertThat(map.idOf(2)).isEqualTo("b");
    }

    @Test
    void idSharesUnknownRowUntilMinCount() {
        IdMap map = new IdMap(new IdMapConfig(3, 100, 0));
        assertThat(map.observe("a", 0)).isEqualTo(IdMap.UNKNOWN_ROW);
        assertThat(map.observe("a", 1)).isEqualTo(IdMap.UNKNOWN_ROW);
        assertThat(map.observe("a", 2)).isEqualTo(-1);
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void pendingSightingsAreBoundedByMaxRows() {
        IdMap map = new IdMap(new IdMapConfig(2, 3, 0));
        map.observe("a", 0);
        map.observe("b", 0);
        map.observe("c", 0);
        map.observe("d", 0);
        // the pending map was full (3 ids) when "d" came, so "a"'s first sighting was forgotten
        assertThat(map.observe("a", 1)).isEqualTo(IdMap.UNKNOWN_ROW);
        assertThat(map.observe("a", 2)).isEqualTo(-1);
    }

    @Test
    void fullMapSendsNewIdsToUnknownRow() {
        IdMap map = new IdMap(new IdMapConfig(1, 2, 0));
        map.observe("a", 0);
        map.observe("b", 0);
        assertThat(map.observe("c", 0)).isEqualTo(IdMap.UNKNOWN_ROW);
        assertThat(map.size()).isEqualTo(2);
    }

    @Test
    void idleIdsAreEvictedAndTheirRowsReused() {
        IdMap map = new IdMap(new IdMapConfig(1, 100, 10));
        map.observe("old", 0);
        map.observe("fresh", 0);
        map.observe("fresh", 15);
        assertThat(map.evictIdle(20)).containsExactly("old");
        assertThat(map.rowOf("old")).isEqualTo(IdMap.UNKNOWN_ROW);
        assertThat(map.observe("new", 21)).isEqualTo(-1);
    }

    @Test
    void snapshotRestoresRowsFreeListAndPendingCounts() {
        IdMap map = new IdMap(new IdMapConfig(2, 100, 10));
        for (String id : new String[] {"a", "a", "b", "b", "c", "c", "d"}) {
            map.observe(id, 0);
        }
        map.observe("c", 30);
        map.evictIdle(30);
        IdMap restored = IdMap.restore(map.config(), map.snapshot());
        assertThat(restored.rowOf("c")).isEqualTo(map.rowOf("c"));
        assertThat(restored.observe("d", 31)).isEqualTo(map.observe("d", 31));
        assertThat(restored.observe("e", 31)).isEqualTo(map.observe("e", 31));
        assertThat(restored.observe("e", 31)).isEqualTo(map.observe("e", 31));
    }
}
