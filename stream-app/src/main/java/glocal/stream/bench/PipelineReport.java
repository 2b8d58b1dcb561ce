package glocal.stream.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a {@link PipelineRun}. The sustained part starts once the warm-up share of the
 * views was sent (JIT, stores and the model warming before it); the trainer's lag is the committed
 * batches on {@code training-batches} less the trainer's steps, sampled every second.
 *
 * @param sent views sent
 * @param sendingSeconds from the first view sent to the last one flushed
 * @param committedViews views the stream side committed (sum of its offsets on {@code views})
 * @param committedPerSecond the stream side's commit rate over the whole run
 * @param sustainedCommittedPerSecond the commit rate after the warm-up, NaN if it had none
 * @param batches committed training batches
 * @param batchExamples examples in them
 * @param trainerSteps the trainer's model version at the end
 * @param trainerExamples examples the trainer trained
 * @param trainerExamplesPerSecond examples trained per second from the warm-up's end to the last
 *     step
 * @param lag the trainer's lag while views were sent
 * @param freshness the freshness percentiles published after the warm-up
 * @param streamsCores CPU cores the stream side used after the warm-up (-1 unknown)
 * @param trainerCores CPU cores the trainer used after the warm-up (-1 unknown)
 * @param drainSeconds from the last view sent to the trainer's last step
 * @param streamsPeakRssBytes peak resident memory of {@code glocal streams} (-1 unknown)
 * @param trainerPeakRssBytes peak resident memory of {@code glocal trainer} (-1 unknown)
 * @param benchPeakRssBytes peak resident memory of the bench's own JVM (broker, registry, producer)
 */
public record PipelineReport(
        PipelineSettings settings,
        Config config,
        long sent,
        double sendingSeconds,
        long committedViews,
        double committedPerSecond,
        double sustainedCommittedPerSecond,
        long batches,
        long batchExamples,
        long trainerSteps,
        long trainerExamples,
        double trainerExamplesPerSecond,
        Lag lag,
        Freshness freshness,
        double streamsCores,
        double trainerCores,
        double drainSeconds,
        long streamsPeakRssBytes,
        long trainerPeakRssBytes,
        long benchPeakRssBytes,
        double loadBefore,
        double loadAfter,
        double totalSeconds) {

    /**
     * The children's settings that bound freshness: a batch leaves when full or after the linger,
     * the trainer publishes at least every publish interval, and an impression becomes a negative
     * example only once its impression window has passed without a play.
     */
    public record Config(
            long batchLingerMs, long publishIntervalMs, int batchSize, long impressionWindowMs) {}

    /**
     * The trainer's lag in batches while views were sent, after the warm-up.
     *
     * @param samples samples in that part
     * @param max the largest
     * @param atEnd the last one, as the last view was sent
     * @param firstQuarterMean mean over the first quarter of the part
     * @param lastQuarterMean mean over the last quarter
     * @param grew whether the lag grew over the part: the last quarter's mean above the first's by
     *     more than 2 batches and half the first's mean (false when there are under 8 samples)
     * @param trainerReportedMax the largest lag the trainer itself reported (offsets, transaction
     *     markers included), -1 if none
     */
    public record Lag(
            int samples,
            long max,
            long atEnd,
            double firstQuarterMean,
            double lastQuarterMean,
            boolean grew,
            long trainerReportedMax) {

        public boolean judged() {
            return samples >= 8;
        }
    }

    /**
     * Freshness over the publications after the warm-up: each percentile is the vector-weighted
     * quantile of the publications' own percentiles (the trainer publishes one p50/p95/p99 per
     * publication, not the vectors' ages).
     */
    public record Freshness(
            int publications, long vectors, double p50, double p95, double p99, double maxP99) {

        public boolean present() {
            return publications > 0;
        }
    }

    public boolean everyViewCommitted() {
        return committedViews == sent && sent == settings.events();
    }

    public boolean everyBatchTrained() {
        return batches > 0 && trainerSteps == batches;
    }

    static PipelineReport of(
            PipelineSettings settings,
            Config config,
            long sent,
            double sendingSeconds,
            CommittedRate committed,
            long batches,
            long batchExamples,
            long trainerSteps,
            long trainerExamples,
            List<PipelineRun.Sample> samples,
            List<PipelineRun.Publication> publications,
            long warmNanos,
            long sendDoneNanos,
            long drainedNanos,
            long[] wallAnchor,
            long streamsPeak,
            long trainerPeak,
            long benchPeak,
            double loadBefore,
            double loadAfter,
            double totalSeconds) {
        PipelineRun.Sample atWarm = null;
        for (PipelineRun.Sample s : samples) {
            if (s.nanos() >= warmNanos) {
                atWarm = s;
                break;
            }
        }
        double examplesPerSecond = Double.NaN;
        double streamsCores = -1;
        double trainerCores = -1;
        PipelineRun.Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        if (atWarm != null && drainedNanos > atWarm.nanos()) {
            examplesPerSecond =
                    (trainerExamples - atWarm.examples()) / ((drainedNanos - atWarm.nanos()) / 1e9);
        }
        if (atWarm != null && last != null && last.nanos() > atWarm.nanos()) {
            double seconds = (last.nanos() - atWarm.nanos()) / 1e9;
            if (atWarm.streamsCpu() >= 0 && last.streamsCpu() >= 0) {
                streamsCores = (last.streamsCpu() - atWarm.streamsCpu()) / seconds;
            }
            if (atWarm.trainerCpu() >= 0 && last.trainerCpu() >= 0) {
                trainerCores = (last.trainerCpu() - atWarm.trainerCpu()) / seconds;
            }
        }
        long warmMs = wallAnchor[0] + (warmNanos - wallAnchor[1]) / 1_000_000;
        return new PipelineReport(
                settings,
                config,
                sent,
                sendingSeconds,
                committed.events(),
                committed.eventsPerSecond(),
                committed.hasSustained() ? committed.sustainedEventsPerSecond() : Double.NaN,
                batches,
                batchExamples,
                trainerSteps,
                trainerExamples,
                examplesPerSecond,
                lag(samples, warmNanos, sendDoneNanos),
                freshness(publications, warmMs),
                streamsCores,
                trainerCores,
                (drainedNanos - sendDoneNanos) / 1e9,
                streamsPeak,
                trainerPeak,
                benchPeak,
                loadBefore,
                loadAfter,
                totalSeconds);
    }

    static Lag lag(List<PipelineRun.Sample> samples, long fromNanos, long toNanos) {
        List<PipelineRun.Sample> part = new ArrayList<>();
        for (PipelineRun.Sample s : samples) {
            if (s.nanos() >= fromNanos && s.nanos() <= toNanos) {
                part.add(s);
            }
        }
        long max = 0;
        long reported = -1;
        for (PipelineRun.Sample s : part) {
            max = Math.max(max, s.lag());
            reported = Math.max(reported, s.reportedLag());
        }
        long atEnd = part.isEmpty() ? 0 : part.get(part.size() - 1).lag();
        int quarter = Math.max(1, part.size() / 4);
        double first = mean(part.subList(0, Math.min(quarter, part.size())));
        double lastMean = mean(part.subList(Math.max(0, part.size() - quarter), part.size()));
        boolean grew = part.size() >= 8 && lastMean - first > Math.max(2.0, 0.5 * first);
        return new Lag(part.size(), max, atEnd, first, lastMean, grew, reported);
    }

    private static double mean(List<PipelineRun.Sample> samples) {
        if (samples.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (PipelineRun.Sample s : samples) {
            sum += s.lag();
        }
        return sum / samples.size();
    }

    static Freshness freshness(List<PipelineRun.Publication> all, long fromMs) {
        List<PipelineRun.Publication> steady = new ArrayList<>();
        long vectors = 0;
        double maxP99 = Double.NaN;
        for (PipelineRun.Publication p : all) {
            boolean complete = true;
            for (double v : p.seconds()) {
                complete &= !Double.isNaN(v);
            }
            if (p.timestampMs() >= fromMs && complete && p.vectors() > 0) {
                steady.add(p);
                vectors += p.vectors();
                maxP99 = Double.isNaN(maxP99) ? p.seconds()[2] : Math.max(maxP99, p.seconds()[2]);
            }
        }
        return new Freshness(
                steady.size(),
                vectors,
                weightedQuantile(steady, 0, 0.50),
                weightedQuantile(steady, 1, 0.95),
                weightedQuantile(steady, 2, 0.99),
                maxP99);
    }

    /** The {@code q} quantile of the publications' {@code slot} percentile, weighted by vectors. */
    static double weightedQuantile(List<PipelineRun.Publication> pubs, int slot, double q) {
        if (pubs.isEmpty()) {
            return Double.NaN;
        }
        List<PipelineRun.Publication> sorted = new ArrayList<>(pubs);
        sorted.sort(Comparator.comparingDouble(p -> p.seconds()[slot]));
        long total = 0;
        for (PipelineRun.Publication p : sorted) {
            total += p.vectors();
        }
        double target = q * total;
        long seen = 0;
        for (PipelineRun.Publication p : sorted) {
            seen += p.vectors();
            if (seen >= target) {
                return p.seconds()[slot];
            }
        }
        return sorted.get(sorted.size() - 1).seconds()[slot];
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(
                String.format(
                        Locale.ROOT,
                        "pipeline: %,d views at %s, %d trainer, %,d users, %d partitions; batch %,d,"
                                + " linger %,d ms, publish every %,d ms, impression window %,d ms; load average %.2f before, %.2f"
                                + " after; %.0f s in all",
                        settings.events(),
                        settings.eventsPerSecond() == 0
                                ? "full speed"
                                : String.format(Locale.ROOT, "%,.0f/s", settings.eventsPerSecond()),
                        settings.trainers(),
                        settings.users(),
                        settings.partitions(),
                        config.batchSize(),
                        config.batchLingerMs(),
                        config.publishIntervalMs(),
                        config.impressionWindowMs(),
                        loadBefore,
                        loadAfter,
                        totalSeconds));
        out.add(
                String.format(
                        Locale.ROOT,
                        "views: %,d sent in %.1f s (%,.0f/s); %,d committed by the stream side, %,.0f/s"
                                + " over the run, %s sustained (after %.0f %% warm-up)",
                        sent,
                        sendingSeconds,
                        sent / sendingSeconds,
                        committedViews,
                        committedPerSecond,
                        Double.isNaN(sustainedCommittedPerSecond)
                                ? "n/a"
                                : String.format(
                                        Locale.ROOT, "%,.0f/s", sustainedCommittedPerSecond),
                        settings.warmUpShare() * 100));
        out.add(
                String.format(
                        Locale.ROOT,
                        "trainer: %,d batches committed (%,d examples), %,d trained (%,d examples);"
                                + " %,.0f examples/s per trainer after the warm-up; last step %.1f s"
                                + " after the last view",
                        batches,
                        batchExamples,
                        trainerSteps,
                        trainerExamples,
                        trainerExamplesPerSecond,
                        drainSeconds));
        out.add(
                String.format(
                        Locale.ROOT,
                        "lag (batches behind, 1 s samples while sending, after the warm-up): %d"
                                + " samples, max %,d, at the end %,d; first-quarter mean %.1f,"
                                + " last-quarter mean %.1f: %s (trainer's own figure, offsets: max %s)",
                        lag.samples(),
                        lag.max(),
                        lag.atEnd(),
                        lag.firstQuarterMean(),
                        lag.lastQuarterMean(),
                        !lag.judged()
                                ? "too few samples to judge"
                                : lag.grew() ? "GREW" : "bounded",
                        lag.trainerReportedMax() < 0 ? "n/a" : lag.trainerReportedMax()));
        out.add(
                freshness.present()
                        ? String.format(
                                Locale.ROOT,
                                "freshness (view event time to published vector, %,d publications,"
                                        + " %,d vectors after the warm-up): p50 %.2f s, p95 %.2f s,"
                                        + " p99 %.2f s (worst publication's p99 %.2f s)",
                                freshness.publications(),
                                freshness.vectors(),
                                freshness.p50(),
                                freshness.p95(),
                                freshness.p99(),
                                freshness.maxP99())
                        : "freshness: no publication after the warm-up");
        out.add(
                String.format(
                        Locale.ROOT,
                        "processes: glocal streams peak RSS %s, %s cores; glocal trainer peak RSS %s,"
                                + " %s cores; bench JVM (broker, registry, producer) peak RSS %s",
                        mib(streamsPeakRssBytes),
                        streamsCores < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", streamsCores),
                        mib(trainerPeakRssBytes),
                        trainerCores < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", trainerCores),
                        mib(benchPeakRssBytes)));
        return out;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
    }
}
