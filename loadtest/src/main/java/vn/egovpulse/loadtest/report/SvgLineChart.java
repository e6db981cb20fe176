package vn.egovpulse.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG (no scripts, no fonts or files fetched): the HTML report must
 * open anywhere, offline. Linear y axis from 0 with "nice" ticks; x axis linear in whatever unit
 * the caller maps to (seconds, or log(1/(1−p)) for percentiles) with caller-given ticks.
 */
final class SvgLineChart {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 380;
  private static final int LEFT = 80;
  private static final int RIGHT = 240;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  record Series(String name, String color, boolean dashed, List<double[]> points) {}

  record Tick(double x, String label) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Tick> xTicks = new ArrayList<>();

  SvgLineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  SvgLineChart series(String name, String color, boolean dashed, List<double[]> points) {
    List<double[]> finite =
        points.stream().filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])).toList();
    if (!finite.isEmpty()) {
      series.add(new Series(name, color, dashed, finite));
    }
    return this;
  }

  SvgLineChart xTick(double x, String label) {
    xTicks.add(new Tick(x, label));
    return this;
  }

  String render() {
    Frame frame = frame();
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
                    + " height=\"%d\" role=\"img\" aria-label=\"%s\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                Html.escape(title)))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        .append(text(LEFT, 24, title, "start", "16", "bold"));
    grid(svg, frame);
    int legendY = TOP + 10;
    for (Series s : series) {
      line(svg, frame, s, legendY);
      legendY += 22;
    }
    return svg.append("</svg>\n").toString();
  }

  /** The plot area: x from the points and ticks, y from 0 to a "nice" top above every point. */
  private record Frame(double x0, double xSpan, double yTop, double step) {
    static final double PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    static final double PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    double px(double x) {
      return LEFT + (x - x0) / xSpan * PLOT_WIDTH;
    }

    double py(double y) {
      return TOP + PLOT_HEIGHT - Math.min(y, yTop) / yTop * PLOT_HEIGHT;
    }
  }

  private Frame frame() {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMax = 0;
    for (Series s : series) {
      for (double[] p : s.points()) {
        xMin = Math.min(xMin, p[0]);
        xMax = Math.max(xMax, p[0]);
        yMax = Math.max(yMax, p[1]);
      }
    }
    for (Tick t : xTicks) {
      xMin = Math.min(xMin, t.x());
      xMax = Math.max(xMax, t.x());
    }
    if (!Double.isFinite(xMin)) {
      xMin = 0;
      xMax = 1;
    }
    if (xMax <= xMin) {
      xMax = xMin + 1;
    }
    double step = niceStep(yMax <= 0 ? 1 : yMax / 5);
    double yTop = Math.max(step, Math.ceil(yMax / step) * step);
    return new Frame(xMin, xMax - xMin, yTop, step);
  }

  /** The y grid with its labels, the x ticks, the plot's border and both axis labels. */
  private void grid(StringBuilder svg, Frame frame) {
    double plotWidth = Frame.PLOT_WIDTH;
    double plotHeight = Frame.PLOT_HEIGHT;
    for (double y = 0; y <= frame.yTop() + frame.step() / 2; y += frame.step()) {
      double py = TOP + plotHeight - y / frame.yTop() * plotHeight;
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>%n",
                  LEFT,
                  py,
                  LEFT + plotWidth,
                  py))
          .append(text(LEFT - 8, py + 4, number(y), "end", "12", "normal"));
    }
    for (Tick t : xTicks) {
      double px = frame.px(t.x());
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f0f0f0\"/>%n",
                  px,
                  TOP,
                  px,
                  TOP + plotHeight))
          .append(text(px, TOP + plotHeight + 18, t.label(), "middle", "12", "normal"));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\""
                + " stroke=\"#888\"/>%n",
            LEFT,
            TOP,
            plotWidth,
            plotHeight));
    svg.append(text(LEFT + plotWidth / 2, HEIGHT - 10, xLabel, "middle", "13", "normal"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"13\""
                + " text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
            TOP + plotHeight / 2,
            TOP + plotHeight / 2,
            Html.escape(yLabel)));
  }

  /** One series: its path (a dot when it has one point) and its legend entry at {@code legendY}. */
  private static void line(StringBuilder svg, Frame frame, Series s, int legendY) {
    StringBuilder path = new StringBuilder();
    for (double[] p : s.points()) {
      path.append(path.length() == 0 ? "M" : " L")
          .append(String.format(Locale.ROOT, "%.1f %.1f", frame.px(p[0]), frame.py(p[1])));
    }
    String dash = s.dashed() ? " stroke-dasharray=\"6 4\"" : "";
    svg.append(
        String.format(
            Locale.ROOT,
            "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s/>%n",
            path,
            s.color(),
            dash));
    if (s.points().size() == 1) {
      double[] p = s.points().get(0);
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n",
              frame.px(p[0]),
              frame.py(p[1]),
              s.color()));
    }
    double lx = LEFT + Frame.PLOT_WIDTH + 16;
    svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"3\"%s/>%n",
                lx,
                legendY,
                lx + 24,
                legendY,
                s.color(),
                dash))
        .append(text(lx + 30, legendY + 4, s.name(), "start", "13", "normal"));
  }

  private static String text(
      double x, double y, String content, String anchor, String size, String weight) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"%s\""
            + " font-weight=\"%s\" text-anchor=\"%s\" fill=\"#222\">%s</text>%n",
        x,
        y,
        size,
        weight,
        anchor,
        Html.escape(content));
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static String number(double value) {
    if (value >= 1_000_000) {
      return trim(value / 1_000_000) + "M";
    }
    if (value >= 10_000) {
      return trim(value / 1_000) + "k";
    }
    return trim(value);
  }

  private static String trim(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
  }
}
