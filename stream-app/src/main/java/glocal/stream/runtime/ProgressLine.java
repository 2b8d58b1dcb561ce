package glocal.stream.runtime;

import glocal.stream.trainer.TrainerStatus;
import java.util.Locale;
import java.util.Map;

/**
 * One line of progress per call: stream throughput since the last line, trainer state, PR-AUC per
 * group.
 */
public final class ProgressLine {

    private final GlocalProcess process;
    private final long started = System.nanoTime();
    private long lastRecords;
    private long lastNanos = started;

    public ProgressLine(GlocalProcess process) {
        this.process = process;
    }

    public String next() {
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder();
        long elapsed = (now - started) / 1_000_000_000L;
        line.append(String.format(Locale.ROOT, "[%02d:%02d]", elapsed / 60, elapsed % 60));
        if (process.streams().isPresent()) {
            long records = process.recordsProcessed();
            double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
            line.append(
                    String.format(
                            Locale.ROOT,
                            " events %,d (%,.0f/s)",
                            records,
                            (records - lastRecords) / seconds));
            lastRecords = records;
        }
        lastNanos = now;
        process.trainer().ifPresent(t -> appendTrainer(line, t.status()));
        return line.toString();
    }

    private static void appendTrainer(StringBuilder line, TrainerStatus s) {
        line.append(String.format(Locale.ROOT, " | steps %,d", s.steps()));
        line.append(String.format(Locale.ROOT, " | examples %,d", s.examplesThisRun()));
        if (!Float.isNaN(s.loss())) {
            line.append(String.format(Locale.ROOT, " | loss %.4f", s.loss()));
        }
        if (!s.prAuc().isEmpty()) {
            line.append(" | PR-AUC");
            for (Map.Entry<String, Double> e : s.prAuc().entrySet()) {
                String group =
                        e.getKey().startsWith("territoryGroup=")
                                ? e.getKey().substring(15)
                                : e.getKey();
                if (!e.getKey().startsWith("activityGroup=")) {
                    line.append(String.format(Locale.ROOT, " %s %.3f", group, e.getValue()));
                }
            }
        }
        if (s.lag() >= 0) {
            line.append(String.format(Locale.ROOT, " | lag %,d", s.lag()));
        }
        if (s.checkpointAgeMs() >= 0) {
            line.append(String.format(Locale.ROOT, " | ckpt %ds ago", s.checkpointAgeMs() / 1000));
        }
    }
}
