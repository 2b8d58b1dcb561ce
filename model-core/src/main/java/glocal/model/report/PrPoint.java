package glocal.model.report;

/**
 * One point of a precision–recall curve: predicting positive for every score ≥ {@code threshold}.
 */
public record PrPoint(double threshold, double recall, double precision) {}
