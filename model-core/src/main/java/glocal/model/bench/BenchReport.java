package glocal.model.bench;

import java.util.Locale;

/** Figures of one {@link TrainerBench} run. Memory in MiB. */
public record BenchReport(
        BenchOptions options,
        String device,
        int threads,
        double examplesPerSecond,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        double meanMs,
        double cpuMsPerStep,
        double examplesPerCpuSecond,
        long peakHeapMb,
        long peakRssMb,
        long tableRows,
        long bytesPerUserRow,
        double loadAverage) {

    public String format() {
        return String.format(
                Locale.ROOT,
                "model=%s batch=%d users=%d titles=%d dim=%d groups=%d device=%s threads=%d steps=%d%n"
                        + "  examples/s %.0f | step ms p50 %.1f p95 %.1f p99 %.1f mean %.1f%n"
                        + "  stepping-thread CPU %.1f ms/step = %.0f examples per CPU-second | load average %.1f%n"
                        + "  peak heap %d MiB, peak RSS (VmHWM) %d MiB | user rows %d, %d bytes of heap each (row, optimizer state, id)",
                options.model().id(),
                options.batch(),
                options.users(),
                options.titles(),
                options.dim(),
                options.groups(),
                device,
                threads,
                options.steps(),
                examplesPerSecond,
                p50Ms,
                p95Ms,
                p99Ms,
                meanMs,
                cpuMsPerStep,
                examplesPerCpuSecond,
                loadAverage,
                peakHeapMb,
                peakRssMb,
                tableRows,
                bytesPerUserRow);
    }
}
