package glocal.model.report;

/** A named line: points {@code (x[i], y[i])} joined in order. */
public record XySeries(String name, double[] x, double[] y) {

    public XySeries {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series '" + name + "': x has " + x.length + " values but y has " + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
