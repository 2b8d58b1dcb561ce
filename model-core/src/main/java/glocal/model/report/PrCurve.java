package glocal.model.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The precision–recall curve of scores against 0/1 labels: one point per distinct score, from the
 * highest threshold to the lowest. Tied scores form one threshold (they are all predicted positive
 * together), so the curve does not depend on the order of tied examples. With no positive label,
 * recall is undefined and the curve has no points.
 */
public record PrCurve(List<PrPoint> points) {

    public PrCurve {
        points = List.copyOf(points);
    }

    public static PrCurve of(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "scores and labels differ in length: "
                            + scores.length
                            + " vs "
                            + labels.length);
        }
        long positives = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(
                        "label " + i + " is " + labels[i] + "; labels are 0 or 1");
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            positives += labels[i];
        }
        if (positives == 0) {
            return new PrCurve(List.of());
        }
        Integer[] order =
                IntStream.range(0, scores.length)
                        .boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
                        .toArray(Integer[]::new);
        List<PrPoint> points = new ArrayList<>();
        long truePositives = 0;
        long predicted = 0;
        int i = 0;
        while (i < order.length) {
            double threshold = scores[order[i]];
            while (i < order.length && scores[order[i]] == threshold) {
                truePositives += labels[order[i]];
                predicted++;
                i++;
            }
            points.add(
                    new PrPoint(
                            threshold,
                            truePositives / (double) positives,
                            truePositives / (double) predicted));
        }
        return new PrCurve(points);
    }

    /** Recall of each point, in curve order (x of a PR plot). */
    public double[] recalls() {
        return points.stream().mapToDouble(PrPoint::recall).toArray();
    }

    /** Precision of each point, in curve order (y of a PR plot). */
    public double[] precisions() {
        return points.stream().mapToDouble(PrPoint::precision).toArray();
    }

    /**
     * Area under the step curve, {@code Σ (R_k − R_{k−1}) · P_k}: average precision, the PR-AUC of
     * {@code glocal.model.metrics.BinaryMetrics.averagePrecision}. NaN when the curve is empty.
     */
    public double averagePrecision() {
        if (points.isEmpty()) {
            return Double.NaN;
        }
        double area = 0;
        double previousRecall = 0;
        for (PrPoint p : points) {
            area += (p.recall() - previousRecall) * p.precision();
            previousRecall = p.recall();
        }
        return area;
    }
}
