package glocal.model.sampling;

import glocal.model.metrics.TopK;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exponentially decayed play counts per title and per (territory, title), from the plays a trainer
 * sees: the online estimate of the sampling probabilities Q(t) that the log Q correction needs (Yi
 * et al., RecSys 2019, estimate them from the stream the same way, with a decay so that the
 * estimate follows what is popular now). A play counts 1 at the step it is seen and half as much
 * {@code halfLifeSteps} steps later.
 *
 * <ul>
 *   <li>{@link #logShare}: log of the title's share of all plays, Q of an in-batch softmax, whose
 *       negatives are the other plays of the batch;
 *   <li>{@link #logSamplingProbability}: log of {@code (c^β + 1) / (Σ c^β + 1)} over the
 *       territory's titles, Q of the stream side's sampled negatives (drawn ∝ territory plays^β;
 *       the 1s keep a title never played there finite).
 * </ul>
 *
 * <p>Counts are kept in a scale relative to a reference step, so decay costs nothing per step, and
 * each territory keeps Σ v^β of its stored counts v, updated per play, so both estimates cost O(1);
 * the scale is folded back into the counts (O(table)) only when it has grown by 1e12. Not
 * thread-safe.
 */
public final class PlayFrequencies {

    private static final double RESCALE_AT = 1e12;

    private final double beta;
    private final long halfLifeSteps;
    private final double logDecayPerStep;
    private final Map<String, Cell> global = new LinkedHashMap<>();
    private final Map<String, Territory> territories = new LinkedHashMap<>();
    private long step;
    private long referenceStep;

    /** 1 / (actual value of one stored unit) = gamma^-(step - referenceStep). */
    private double unit = 1;

    private double totalScaled;

    /** How to take back the plays since {@link #begin}, newest first; null when not recording. */
    private Deque<Runnable> undo;

    /**
     * @param beta the exponent of the stream's negative sampler
     * @param halfLifeSteps steps after which a play counts half
     */
    public PlayFrequencies(double beta, long halfLifeSteps) {
        if (!(beta >= 0) || halfLifeSteps < 1) {
            throw new IllegalArgumentException(
                    "play frequencies need beta >= 0 and a half-life >= 1 step, got "
                            + beta
                            + " and "
                            + halfLifeSteps);
        }
        this.beta = beta;
        this.halfLifeSteps = halfLifeSteps;
        this.logDecayPerStep = -Math.log(2) / halfLifeSteps;
    }

    /**
     * Moves the clock to {@code trainingStep} (plays seen from now on count 1, older ones decay).
     */
    public void at(long trainingStep) {
        if (trainingStep < step) {
            throw new IllegalArgumentException(
                    "play frequencies cannot go back from step " + step + " to " + trainingStep);
        }
        step = trainingStep;
        unit = Math.exp(-logDecayPerStep * (step - referenceStep));
        if (unit > RESCALE_AT) {
            rescale();
        }
    }

    /**
     * Starts counting tentatively: the plays from here on can be taken back with {@link #rollback}
     * (a batch the trainer refuses must leave the estimate as it was) or kept with {@link #commit}.
     */
    public void begin() {
        undo = new ArrayDeque<>();
    }

    /** Keeps the plays counted since {@link #begin}. */
    public void commit() {
        undo = null;
    }

    /**
     * Takes back every play counted since {@link #begin}: each value, count and title set is back
     * bit for bit as it was.
     */
    public void rollback() {
        if (undo != null) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            undo = null;
        }
    }

    /** Counts one play of {@code title} in {@code territory} at the current step. */
    public void play(String territory, String title) {
        if (undo != null) {
            remember(territory, title);
        }
        global.computeIfAbsent(title, k -> new Cell()).value += unit;
        totalScaled += unit;
        Territory t = territories.computeIfAbsent(territory, k -> new Territory());
        Cell c = t.titles.computeIfAbsent(title, k -> new Cell());
        double before = c.value;
        c.value += unit;
        t.powerSum += Math.pow(c.value, beta) - Math.pow(before, beta);
    }

    /** log of the title's share of all (decayed) plays, with one pseudo play per title. */
    public double logShare(String title) {
        Cell c = global.get(title);
        double count = (c == null ? 0 : c.value) / unit;
        double total = totalScaled / unit;
        return Math.log(count + 1) - Math.log(total + global.size() + 1);
    }

    /**
     * log of the probability that the stream's sampler draws {@code title} in {@code territory},
     * {@code log((c^β + 1) / (Σ c^β + 1))}, c the decayed play counts of the territory.
     */
    public double logSamplingProbability(String territory, String title) {
        Territory t = territories.get(territory);
        if (t == null) {
            return 0; // nothing played there yet: every title as likely (log 1 / 1)
        }
        Cell c = t.titles.get(title);
        double scale = Math.pow(unit, -beta); // actual c^β = stored v^β * unit^-β
        double own = c == null ? 0 : Math.pow(c.value, beta) * scale;
        return Math.log(own + 1) - Math.log(t.powerSum * scale + 1);
    }

    /** {@code log(1 + c)}, c the title's decayed play count over every territory. */
    public double logCount(String title) {
        Cell c = global.get(title);
        return c == null ? 0 : Math.log1p(c.value / unit);
    }

    /** {@code log(1 + c)}, c the title's decayed play count in {@code territory}. */
    public double logCount(String territory, String title) {
        Territory t = territories.get(territory);
        Cell c = t == null ? null : t.titles.get(title);
        return c == null ? 0 : Math.log1p(c.value / unit);
    }

    /**
     * {@code log(1 + decayed plays)} of {@code title} in every territory where it was played, in
     * the order the territories were first seen.
     */
    public Map<String, Double> logCounts(String title) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Territory> e : territories.entrySet()) {
            Cell c = e.getValue().titles.get(title);
            if (c != null) {
                out.put(e.getKey(), Math.log1p(c.value / unit));
            }
        }
        return out;
    }

    /**
     * The {@code k} titles most played in {@code territory} by decayed count, most first, equal
     * counts by title id; fewer when fewer were played there.
     */
    public List<String> mostPlayed(String territory, int k) {
        Territory t = territories.get(territory);
        if (t == null || k <= 0) {
            return List.of();
        }
        TopK<Map.Entry<String, Cell>> best =
                new TopK<>(
                        k,
                        Comparator.<Map.Entry<String, Cell>>comparingDouble(
                                        e -> -e.getValue().value)
                                .thenComparing(Map.Entry::getKey));
        t.titles.entrySet().forEach(best::offer);
        List<String> out = new ArrayList<>(k);
        for (Map.Entry<String, Cell> e : best.best()) {
            out.add(e.getKey());
        }
        return out;
    }

    /**
     * The clock of the last {@link #at} call (a training step or an event time, as the caller
     * counts).
     */
    public long clock() {
        return step;
    }

    /** log of the number of distinct titles played in {@code territory} (0 when none). */
    public double logTitlesPlayed(String territory) {
        Territory t = territories.get(territory);
        return t == null || t.titles.isEmpty() ? 0 : Math.log(t.titles.size());
    }

    private void rescale() {
        double factor = 1 / unit;
        for (Cell c : global.values()) {
            c.value *= factor;
        }
        for (Territory t : territories.values()) {
            t.powerSum = 0;
            for (Cell c : t.titles.values()) {
                c.value *= factor;
                t.powerSum += Math.pow(c.value, beta);
            }
        }
        totalScaled *= factor;
        referenceStep = step;
        unit = 1;
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeDouble(beta);
        out.writeLong(halfLifeSteps);
        out.writeLong(step);
        out.writeLong(referenceStep);
        out.writeDouble(totalScaled);
        out.writeInt(global.size());
        for (Map.Entry<String, Cell> e : global.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue().value);
        }
        out.writeInt(territories.size());
        for (Map.Entry<String, Territory> e : territories.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(
                    e.getValue().powerSum); // as kept, so a restored estimate continues bit for bit
            out.writeInt(e.getValue().titles.size());
            for (Map.Entry<String, Cell> c : e.getValue().titles.entrySet()) {
                out.writeUTF(c.getKey());
                out.writeDouble(c.getValue().value);
            }
        }
    }

    public static PlayFrequencies read(DataInputStream in) throws IOException {
        PlayFrequencies f = new PlayFrequencies(in.readDouble(), in.readLong());
        f.step = in.readLong();
        f.referenceStep = in.readLong();
        f.unit = Math.exp(-f.logDecayPerStep * (f.step - f.referenceStep));
        f.totalScaled = in.readDouble();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            Cell c = new Cell();
            String title = in.readUTF();
            c.value = in.readDouble();
            f.global.put(title, c);
        }
        int territories = in.readInt();
        for (int i = 0; i < territories; i++) {
            Territory t = new Territory();
            String code = in.readUTF();
            t.powerSum = in.readDouble();
            int titles = in.readInt();
            for (int j = 0; j < titles; j++) {
                Cell c = new Cell();
                String title = in.readUTF();
                c.value = in.readDouble();
                t.titles.put(title, c);
            }
            f.territories.put(code, t);
        }
        return f;
    }

    /** Records, before a play changes them, how to put back the values it changes. */
    private void remember(String territory, String title) {
        Cell g = global.get(title);
        if (g == null) {
            undo.push(() -> global.remove(title));
        } else {
            double value = g.value;
            undo.push(() -> g.value = value);
        }
        double total = totalScaled;
        undo.push(() -> totalScaled = total);
        Territory t = territories.get(territory);
        if (t == null) {
            undo.push(() -> territories.remove(territory));
            return;
        }
        double powerSum = t.powerSum;
        undo.push(() -> t.powerSum = powerSum);
        Cell c = t.titles.get(title);
        if (c == null) {
            undo.push(() -> t.titles.remove(title));
        } else {
            double value = c.value;
            undo.push(() -> c.value = value);
        }
    }

    private static final class Cell {
        double value;
    }

    private static final class Territory {
        final Map<String, Cell> titles = new LinkedHashMap<>();

        /** Σ v^β over the stored counts v. */
        double powerSum;
    }
}
