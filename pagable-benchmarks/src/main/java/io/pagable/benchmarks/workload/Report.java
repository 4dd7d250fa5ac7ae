package io.pagable.benchmarks.workload;

import io.pagable.benchmarks.workload.UpstreamWorkloads.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Markdown table of a run: the figures of every contender, the targets and the upstream workloads. */
final class Report {

    static final String FILE = "pagable file";

    static final String H2 = "pagable H2";

    static final String POSTGRESQL = "pagable PostgreSQL";

    static final String ECLIPSE = "Eclipse Store";

    static final String HEAP = "all on heap";

    private final Measurements<Metric> graph;

    private final Measurements<Figure> upstream;

    Report(Measurements<Metric> graph, Measurements<Figure> upstream) {
        this.graph = graph;
        this.upstream = upstream;
    }

    /**
     * Forms every target that this run measured.
     *
     * @return the targets, in the order
     */
    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        ratio(targets, "store time, file vs Eclipse Store", FILE, ECLIPSE, Metric.STORE_SECONDS, 0.3);
        ratio(targets, "store time, H2 vs Eclipse Store", H2, ECLIPSE, Metric.STORE_SECONDS, 0.5);
        for (String store : List.of(FILE, H2, POSTGRESQL)) {
            ratio(
                    targets,
                    "heap after page-out, " + shortName(store) + " vs all on heap",
                    store,
                    HEAP,
                    Metric.HEAP_RETAINED_BYTES,
                    0.1);
        }
        ratio(targets, "cold traversal, file vs Eclipse Store", FILE, ECLIPSE, Metric.COLD_SECONDS, 0.1);
        ratio(targets, "cold traversal, H2 vs Eclipse Store", H2, ECLIPSE, Metric.COLD_SECONDS, 0.25);
        ratio(targets, "cold traversal, PostgreSQL vs Eclipse Store", POSTGRESQL, ECLIPSE, Metric.COLD_SECONDS, 0.5);
        for (String store : List.of(FILE, H2, POSTGRESQL)) {
            ratio(
                    targets,
                    "warm traversal, " + shortName(store) + " vs all on heap",
                    store,
                    HEAP,
                    Metric.WARM_SECONDS,
                    1.5);
        }
        ratio(targets, "bytes on disk, file vs Eclipse Store", FILE, ECLIPSE, Metric.DISK_BYTES, 0.55);
        for (String store : List.of(FILE, H2, POSTGRESQL)) {
            if (graph.has(store, Metric.INCREMENTAL_NODES)) {
                double written = graph.median(store, Metric.INCREMENTAL_NODES);
                double expected = graph.median(store, Metric.INCREMENTAL_EXPECTED_NODES);
                targets.add(new Target(
                        "incremental, " + shortName(store) + ": nodes written / changed + ancestors",
                        written / expected,
                        1.0,
                        "x",
                        number(written) + " written, " + number(expected) + " expected"));
            }
        }
        ratio(
                targets,
                "incremental, file: bytes added vs encoded size",
                FILE,
                FILE,
                Metric.INCREMENTAL_BYTES,
                Metric.INCREMENTAL_ENCODED_BYTES,
                1.1);
        ratio(
                targets,
                "second graph, file: bytes added vs first graph",
                FILE,
                FILE,
                Metric.SECOND_GRAPH_BYTES,
                Metric.DISK_BYTES,
                0.15);
        for (Figure figure : Figure.values()) {
            if (upstream.has(FILE, figure)) {
                targets.add(new Target(
                        "upstream " + figure.label.replace(" s", "") + ", file store",
                        upstream.median(FILE, figure),
                        figure.target,
                        " s",
                        "upstream reports " + figure.upstream + " s"));
            }
        }
        return targets;
    }

    private void ratio(List<Target> targets, String name, String of, String to, Metric metric, double limit) {
        ratio(targets, name, of, to, metric, metric, limit);
    }

    private void ratio(
            List<Target> targets, String name, String of, String to, Metric metric, Metric base, double limit) {
        if (graph.has(of, metric) && graph.has(to, base)) {
            double value = graph.median(of, metric);
            double reference = graph.median(to, base);
            targets.add(new Target(
                    name, value / reference, limit, "x", format(metric, value) + " / " + format(base, reference)));
        }
    }

    /**
     * Writes the tables.
     *
     * @param header lines about the run, the machine and the JDK
     * @return Markdown
     */
    String markdown(List<String> header) {
        StringBuilder out = new StringBuilder();
        header.forEach((line) -> out.append(line).append('\n'));
        List<String> names = graph.contenders();
        out.append("\n| figure (median of repetitions; min–max) |");
        names.forEach((name) -> out.append(' ').append(name).append(" |"));
        out.append("\n|---|");
        names.forEach((name) -> out.append("---:|"));
        for (Metric metric : Metric.values()) {
            if (names.stream().noneMatch((name) -> graph.has(name, metric))) {
                continue;
            }
            out.append("\n| ").append(metric.label()).append(" |");
            for (String name : names) {
                out.append(' ').append(cell(name, metric)).append(" |");
            }
        }
        out.append("\n\n| target | measured | limit | result | from |\n|---|---:|---:|---|---|");
        for (Target target : targets()) {
            out.append("\n| ")
                    .append(target.name())
                    .append(" | ")
                    .append(target.measuredText())
                    .append(" | ")
                    .append(target.limitText())
                    .append(" | ")
                    .append(target.met() ? "met" : "**missed**")
                    .append(" | ")
                    .append(target.detail())
                    .append(" |");
        }
        out.append('\n');
        return out.toString();
    }

    private String cell(String name, Metric metric) {
        if (!graph.has(name, metric)) {
            return "–";
        }
        String median = format(metric, graph.median(name, metric));
        if (metric.isSeconds() && graph.repetitions(name) > 1) {
            return median + " (" + format(metric, graph.min(name, metric)) + "–"
                    + format(metric, graph.max(name, metric)) + ")";
        }
        return median;
    }

    static String format(Metric metric, double value) {
        if (metric.isBytes()) {
            return String.format(Locale.ROOT, "%.1f MiB", value / (1024.0 * 1024.0));
        }
        return number(value);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (value == Math.rint(value) && Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        double magnitude = Math.abs(value);
        String pattern = (magnitude >= 100)
                ? "%.0f"
                : (magnitude >= 10) ? "%.1f" : (magnitude >= 1) ? "%.2f" : (magnitude >= 0.01) ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String shortName(String contender) {
        return contender.replace("pagable ", "");
    }
}
