package glocal.stream.state;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.stream.config.GlocalStreamsConfig;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class GlocalRocksDbConfigTest {

    static {
        RocksDB.loadLibrary();
    }

    private static String memtable(String store) {
        try (Options options = new Options()) {
            new GlocalRocksDbConfig().setConfig(store, options, Map.of());
            return options.memTableFactoryName();
        }
    }

    @Test
    void storesOnlyWrittenWhileRunningGetAVectorMemtableOthersKeepTheSkipList() {
        assertThat(memtable("territory-title-counts.1796083200000")).isEqualTo("VectorRepFactory");
        assertThat(memtable("title-counts.1796083200000")).isEqualTo("VectorRepFactory");
        assertThat(memtable("pending-impressions")).isEqualTo("VectorRepFactory");
        assertThat(memtable("batch-buffer")).isEqualTo("VectorRepFactory");
        assertThat(memtable("active-users")).isEqualTo("SkipListFactory");
        assertThat(memtable("view-event-ids.1796083200000")).isEqualTo("SkipListFactory");
        assertThat(memtable("title-counts-other")).isEqualTo("SkipListFactory");
    }

    @Test
    void thePackagesOwningWriteMostlyStoresNameThemAsAService() {
        assertThat(GlocalRocksDbConfig.WRITE_MOSTLY)
                .containsExactlyInAnyOrder(
                        "territory-title-counts",
                        "title-counts",
                        "pending-impressions",
                        "batch-buffer",
                        "batch-sequence");
    }

    @Test
    void theSetterIsConfiguredForRocksDbStoresOnly() {
        assertThat(new GlocalStreamsConfig(Map.of()).streamsProperties("b:9092"))
                .containsEntry(
                        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                        GlocalRocksDbConfig.class.getName());
        assertThat(
                        new GlocalStreamsConfig(
                                        Map.of(
                                                GlocalStreamsConfig.STATE_STORE_TYPE_CONFIG,
                                                GlocalStreamsConfig.IN_MEMORY))
                                .streamsProperties("b:9092"))
                .doesNotContainKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
    }
}
