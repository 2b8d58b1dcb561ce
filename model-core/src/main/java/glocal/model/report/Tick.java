package glocal.model.report;

/** A tick mark on an axis: where it sits (in data units, or a category index) and its label. */
public record Tick(double value, String label) {}
