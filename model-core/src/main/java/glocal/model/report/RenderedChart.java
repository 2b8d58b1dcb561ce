package glocal.model.report;

import java.awt.image.BufferedImage;

/** A drawn chart: the image and where its plot area and axes ended up (for tests and overlays). */
public record RenderedChart(BufferedImage image, PlotArea area) {}
