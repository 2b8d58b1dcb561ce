package glocal.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.model.train.ModelKind;
import org.junit.jupiter.api.Test;

/**
 * The benchmark runs end to end and reports consistent figures (no speed assertion: that is the
 * bench's job).
 */
class TrainerBenchTest {

    @Test
    void smallRunReportsThroughputPercentilesAndMemory() {
        BenchOptions options =
                new BenchOptions(ModelKind.CGC, 256, 2_000, 500, 16, 4, 2, 10, 1, 3L);
        BenchReport report = TrainerBench.run(options);
        assertThat(report.examplesPerSecond()).isPositive();
        assertThat(report.p50Ms()).isPositive().isLessThanOrEqualTo(report.p95Ms());
        assertThat(report.p95Ms()).isLessThanOrEqualTo(report.p99Ms());
        assertThat(report.peakHeapMb()).isPositive();
        assertThat(report.peakRssMb()).isPositive();
        assertThat(report.tableRows()).isEqualTo(2_000);
        assertThat(report.threads()).isEqualTo(1);
        assertThat(report.format()).contains("model=cgc", "examples/s", "p99", "VmHWM");
    }

    @Test
    void badOptionIsRejectedNamingIt() {
        assertThatThrownBy(() -> BenchOptions.defaults().withBatch(0))
                .hasMessageContaining("batch");
    }
}
