package glocal.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glocal bench pipeline} at a tiny size: live views through glocal streams and glocal
 * trainer as child processes on an embedded broker; every figure the bench prints is produced and
 * sane. Speed itself is not asserted (that is what the bench prints).
 */
class PipelineRunTest {

    @Test
    void aTinyPipelineRunCommitsEveryViewTrainsEveryBatchAndReportsFreshness(@TempDir Path dir)
            throws Exception {
        PipelineSettings settings =
                new PipelineSettings(
                        4_000,
                        1_000,
                        1,
                        2_000,
                        3,
                        2,
                        0.2,
                        dir,
                        "512m",
                        Map.of(
                                "glocal.model.embedding.dim", "16",
                                "glocal.model.output.dim", "16",
                                "glocal.model.tower.hidden", "16",
                                "glocal.batch.size", "256",
                                "glocal.batch.linger.ms", "1000",
                                "glocal.trainer.publish.interval.ms", "1000"));
        PipelineReport report = new PipelineRun(settings, System.out).run();
        report.lines().forEach(System.out::println);

        assertThat(report.sent()).isEqualTo(4_000);
        assertThat(report.everyViewCommitted()).as("every view committed").isTrue();
        assertThat(report.committedPerSecond()).isPositive().isFinite();
        assertThat(report.batches()).isPositive();
        assertThat(report.everyBatchTrained()).as("one step per committed batch").isTrue();
        assertThat(report.trainerExamples())
                .as("the trainer trained every example of every batch")
                .isEqualTo(report.batchExamples())
                .isPositive();
        assertThat(report.trainerExamplesPerSecond()).isPositive().isFinite();
        assertThat(report.lag().max()).isGreaterThanOrEqualTo(report.lag().atEnd());
        assertThat(report.lag().atEnd()).isNotNegative();

        PipelineReport.Freshness f = report.freshness();
        assertThat(f.present()).as("freshness publications after the warm-up").isTrue();
        assertThat(f.vectors()).isPositive();
        assertThat(List.of(f.p50(), f.p95(), f.p99(), f.maxP99()))
                .allSatisfy(s -> assertThat(s).isFinite().isNotNegative());
        assertThat(f.p50()).isLessThanOrEqualTo(f.p95());
        assertThat(f.p95()).isLessThanOrEqualTo(f.p99());
        assertThat(f.p99()).isLessThanOrEqualTo(f.maxP99());
        // live views: event time is the send time, so no vector is older than the run itself
        assertThat(f.maxP99()).isLessThan(report.totalSeconds());

        assertThat(report.streamsPeakRssBytes()).isPositive();
        assertThat(report.trainerPeakRssBytes()).isPositive();
        assertThat(report.lines()).hasSize(6);
    }

    @Test
    void moreThanOneTrainerIsRefusedSayingWhy(@TempDir Path dir) {
        assertThatThrownBy(
                        () -> new PipelineSettings(10, 0, 2, 10, 1, 1, 0.2, dir, "512m", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--trainers 2")
                .hasMessageContaining("multi-trainer training")
                .hasMessageContaining("not built yet");
    }

    @Test
    void lagThatClimbsOverTheRunIsJudgedGrownAndFlatLagBounded() {
        List<PipelineRun.Sample> climbing = new ArrayList<>();
        List<PipelineRun.Sample> flat = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long nanos = i * 1_000_000_000L;
            climbing.add(new PipelineRun.Sample(nanos, 0, 10 + 3L * i, 10, 0, -1, -1, -1));
            flat.add(new PipelineRun.Sample(nanos, 0, 10L + i, 10L + i - (i % 3), 0, 2, -1, -1));
        }
        PipelineReport.Lag grew = PipelineReport.lag(climbing, 0, Long.MAX_VALUE);
        assertThat(grew.judged()).isTrue();
        assertThat(grew.grew()).isTrue();
        assertThat(grew.max()).isEqualTo(57);
        assertThat(grew.atEnd()).isEqualTo(57);

        PipelineReport.Lag bounded = PipelineReport.lag(flat, 0, Long.MAX_VALUE);
        assertThat(bounded.grew()).isFalse();
        assertThat(bounded.max()).isEqualTo(2);
        assertThat(bounded.trainerReportedMax()).isEqualTo(2);

        assertThat(PipelineReport.lag(climbing.subList(0, 5), 0, Long.MAX_VALUE).judged())
                .as("five samples are too few to judge")
                .isFalse();
    }

    @Test
    void freshnessPercentilesWeighPublicationsByTheirVectors() {
        List<PipelineRun.Publication> pubs =
                List.of(
                        new PipelineRun.Publication(1_000, 1, 90, new double[] {1, 2, 3}),
                        new PipelineRun.Publication(2_000, 2, 10, new double[] {5, 6, 7}),
                        new PipelineRun.Publication(500, 0, 1_000, new double[] {50, 60, 70}));
        PipelineReport.Freshness f = PipelineReport.freshness(pubs, 1_000);
        assertThat(f.publications()).as("the publication before the warm-up left out").isEqualTo(2);
        assertThat(f.vectors()).isEqualTo(100);
        assertThat(f.p50()).isEqualTo(1);
        assertThat(f.p95()).isEqualTo(6);
        assertThat(f.p99()).isEqualTo(7);
        assertThat(f.maxP99()).isEqualTo(7);
    }
}
