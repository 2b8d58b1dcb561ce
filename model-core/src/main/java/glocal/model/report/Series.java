package glocal.model.report;

/** A named sample of values, e.g. the scores of local titles. */
public record Series(String name, double[] values) {

    public Series {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank");
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
