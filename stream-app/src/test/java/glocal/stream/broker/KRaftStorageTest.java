package glocal.stream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KRaftStorageTest {

    @Test
    void aFormattedDirectoryKeepsItsClusterIdAndAForeignOneIsRejected(@TempDir Path dir)
            throws Exception {
        Path logs = dir.resolve("logs");
        String id = KRaftStorage.formatIfNeeded(logs);
        assertThat(KRaftStorage.formatIfNeeded(logs)).isEqualTo(id);
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("meta.properties"), "version=1\n");
        assertThatThrownBy(() -> KRaftStorage.formatIfNeeded(foreign))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no cluster.id");
    }
}
