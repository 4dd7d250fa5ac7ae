package io.pagable.benchmarks.workload;

import java.util.List;
import java.util.Locale;

/**
 * An SVG bar chart of the targets: one bar per target, its length the measured value divided by
 * the limit on a logarithmic axis, so the target line sits at 1 and every bar left of it is met.
 */
final class RatioChart {

    private static final int WIDTH = 980;

    private static final int LABEL_WIDTH = 430;

    private static final int BAR_HEIGHT = 18;

    private static final int ROW = 26;

    /** Axis from 1/100 to 10 times the limit. */
    private static final double MIN_LOG = -2;

    private static final double MAX_LOG = 1;

    private RatioChart() {}

    static String svg(String title, List<Target> targets) {
        int plotWidth = WIDTH - LABEL_WIDTH - 150;
        int height = 70 + ROW * targets.size() + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                WIDTH,
                height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\">%s</text>\n", escape(title)));
        svg.append("<text x=\"10\" y=\"42\" fill=\"#555\">measured / limit, log scale: left of the line meets the "
                + "target (green), right of it misses (red)</text>\n");
        int top = 60;
        for (double tick = MIN_LOG; tick <= MAX_LOG; tick++) {
            int x = LABEL_WIDTH + position(Math.pow(10, tick), plotWidth);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                    x,
                    top - 4,
                    x,
                    top + ROW * targets.size(),
                    tick == 0 ? "#000" : "#ddd",
                    tick == 0 ? "2" : "1"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s" + "</text>\n",
                    x,
                    top + ROW * targets.size() + 16,
                    Report.number(Math.pow(10, tick)) + "x"));
        }
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            int y = top + i * ROW;
            double share = target.measured() / target.limit();
            int length = Math.max(1, position(share, plotWidth));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                    LABEL_WIDTH - 8,
                    y + 13,
                    escape(target.name())));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                    LABEL_WIDTH,
                    y,
                    length,
                    BAR_HEIGHT,
                    target.met() ? "#4c9a2a" : "#c0392b"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\">%s (%s)</text>\n",
                    LABEL_WIDTH + Math.min(length, plotWidth) + 6,
                    y + 13,
                    escape(target.measuredText()),
                    escape(target.limitText())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Pixels from the axis start for a value, clamped to the axis. */
    private static int position(double value, int plotWidth) {
        double log = Math.log10(Math.max(value, 1e-9));
        double clamped = Math.min(MAX_LOG, Math.max(MIN_LOG, log));
        return (int) Math.round((clamped - MIN_LOG) / (MAX_LOG - MIN_LOG) * plotWidth);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
