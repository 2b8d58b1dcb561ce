package glocal.model.report;

import java.util.Objects;

/** The text of a chart: its title and the captions of its two axes. */
public record ChartLabels(String title, String xLabel, String yLabel) {

    public ChartLabels {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
    }
}
