package glocal.stream.produce;

import java.io.PrintStream;

/**
 * A one-line progress bar redrawn in place ({@code \r}) on a terminal stream: events sent, rate
 * and, when the total is known, percent done. Redraws at most every {@value #REDRAW_NANOS} ns so
 * drawing never costs more than the sending.
 */
final class ProgressBar {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final long startNanos;
    private long lastDrawNanos;

    /**
     * @param total events expected, or 0 when unknown (reading a file)
     */
    ProgressBar(PrintStream out, long total, long startNanos) {
        this.out = out;
        this.total = total;
        this.startNanos = startNanos;
    }

    void update(long done, long nowNanos) {
        if (nowNanos - lastDrawNanos >= REDRAW_NANOS) {
            lastDrawNanos = nowNanos;
            draw(done, nowNanos);
        }
    }

    void finish(long done, long nowNanos) {
        draw(done, nowNanos);
        out.println();
        out.flush();
    }

    private void draw(long done, long nowNanos) {
        double seconds = Math.max((nowNanos - startNanos) / 1e9, 1e-9);
        String rate = String.format("%,.0f events/s", done / seconds);
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * WIDTH);
            out.printf(
                    "\r[%s%s] %5.1f%% %,d/%,d events, %s ",
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    fraction * 100,
                    done,
                    total,
                    rate);
        } else {
            out.printf("\r%,d events, %s ", done, rate);
        }
        out.flush();
    }
}
