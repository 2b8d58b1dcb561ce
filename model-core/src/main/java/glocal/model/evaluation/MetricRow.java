package glocal.model.evaluation;

/**
 * One figure of one run: a model's {@code metric} on a group ({@code all}, a territory group {@code
 * territory=EMEA}, or a user group {@code user=niche}) for one seed.
 */
public record MetricRow(long seed, String model, String group, String metric, double value) {}
