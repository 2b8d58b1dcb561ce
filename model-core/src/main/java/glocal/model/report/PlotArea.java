package glocal.model.report;

/**
 * Where the data is drawn inside the image, in pixels, and the axis ranges it shows: maps data
 * coordinates to pixel coordinates (y grows downwards in the image).
 */
public record PlotArea(int left, int top, int width, int height, Axis x, Axis y) {

    public int right() {
        return left + width;
    }

    public int bottom() {
        return top + height;
    }

    /** Pixel column of data value {@code value} on the x axis. */
    public double px(double value) {
        return left + (value - x.min()) / x.span() * width;
    }

    /** Pixel row of data value {@code value} on the y axis. */
    public double py(double value) {
        return bottom() - (value - y.min()) / y.span() * height;
    }
}
