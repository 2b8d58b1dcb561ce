package glocal.stream.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures of a chaos run, all recounted from the topics after the run except what the producer
 * knows it sent.
 *
 * @param viewsSent records sent to {@code views} (duplicates and invalid ones included)
 * @param validViews valid distinct views
 * @param validPlays valid distinct plays: each must be exactly one PLAY example
 * @param duplicatesSent valid views sent a second time (the stream side must drop them)
 * @param invalidSent invalid records sent, by the dead-letter reason they must get
 * @param deadLetters dead letters found, by reason
 * @param playsLost valid plays with no PLAY example in a committed batch
 * @param playsDuplicated PLAY examples beyond one per valid play
 * @param batches committed training batches
 * @param trainerVersion the trainer's model version at the end (one step per committed batch)
 * @param nonFinite records holding NaN or an infinity, by topic (training-batches included)
 * @param streamsKills SIGKILLs of the stream side, all while views were being sent when {@code
 *     killsDuringSending} says so
 * @param restoreSeconds for each restart of the stream side after a kill, seconds from the start of
 *     the new process to Kafka Streams RUNNING (state restored, ready to serve)
 * @param trainerRestartSeconds for each restart of the trainer, seconds to its running banner
 */
public record ChaosReport(
        long viewsSent,
        long validViews,
        long validPlays,
        long duplicatesSent,
        Map<String, Long> invalidSent,
        Map<String, Long> deadLetters,
        long playsLost,
        long playsDuplicated,
        long batches,
        long trainerVersion,
        Map<String, Long> nonFinite,
        int streamsKills,
        int trainerKills,
        boolean killsDuringSending,
        List<Double> restoreSeconds,
        List<Double> trainerRestartSeconds,
        double sendingSeconds,
        double totalSeconds) {

    /**
     * True when nothing was lost, nothing counted twice, and no output holds a non-finite number.
     */
    public boolean exact() {
        return playsLost == 0
                && playsDuplicated == 0
                && deadLetters.equals(invalidSent)
                && trainerVersion == batches
                && nonFinite.values().stream().allMatch(n -> n == 0);
    }

    /** The report as the lines {@code glocal bench chaos} prints. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(
                String.format(
                        "views sent          %,d (%,d valid, %,d duplicates resent, %,d invalid)",
                        viewsSent,
                        validViews,
                        duplicatesSent,
                        invalidSent.values().stream().mapToLong(Long::longValue).sum()));
        out.add(
                String.format(
                        "kills (SIGKILL)     stream side %d, trainer %d%s",
                        streamsKills,
                        trainerKills,
                        killsDuringSending ? ", all while views were being sent" : ""));
        out.add(
                String.format(
                        "valid plays         %,d: lost %,d, duplicated %,d",
                        validPlays, playsLost, playsDuplicated));
        out.add("dead letters        expected " + invalidSent + ", found " + deadLetters);
        out.add(
                String.format(
                        "training batches    %,d committed, trainer model version %,d (one step each: %s)",
                        batches, trainerVersion, trainerVersion == batches ? "yes" : "NO"));
        out.add("non-finite records  " + nonFinite);
        out.add(
                "stream-side restore "
                        + seconds(restoreSeconds)
                        + " (new process to RUNNING, after each kill)");
        out.add(
                "trainer restart     "
                        + seconds(trainerRestartSeconds)
                        + " (new process to running)");
        out.add(
                String.format(
                        "time                %.1f s sending, %.1f s in all",
                        sendingSeconds, totalSeconds));
        out.add(
                "result              "
                        + (exact()
                                ? "exact: nothing lost, nothing duplicated, no non-finite output"
                                : "NOT EXACT (see above)"));
        return out;
    }

    private static String seconds(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format("%.1f", v));
        }
        return String.join(", ", parts) + " s";
    }
}
