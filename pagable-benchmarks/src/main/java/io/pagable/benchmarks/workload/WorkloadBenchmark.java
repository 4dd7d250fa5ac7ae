package io.pagable.benchmarks.workload;

import io.pagable.benchmarks.workload.UpstreamWorkloads.Figure;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The workload benchmark of issue 6: every contender stores, updates and traverses the same build
 * graph in one process run (a fresh store per repetition, medians), then the run prints and writes a
 * Markdown table and an SVG chart of the target ratios.
 *
 * <pre>
 * ./mvnw -q -pl pagable-core,pagable-benchmarks -am package -DskipTests
 * java -Xms4g -Xmx4g -cp pagable-benchmarks/target/benchmarks.jar \
 *     io.pagable.benchmarks.workload.WorkloadBenchmark --nodes 200000
 * </pre>
 *
 * The heap is fixed ({@code -Xms} equal to {@code -Xmx}) so that no contender's figures include the
 * collector growing the heap back after the full collections the heap figures need; the report's JDK
 * line says whether it was.
 *
 * Options: {@code --nodes N} (200000), {@code --repetitions R} (3), {@code --warmup-nodes W} (N/4, a
 * whole run of every contender first, not counted), {@code --seed S},
 * {@code --contenders file,h2,postgresql,eclipse,java,heap}, {@code --upstream-scale F} (1, the
 * published sizes; 0 skips them), {@code --out DIRECTORY} (pagable-benchmarks/results/workload),
 * {@code --work DIRECTORY} (the temporary directory). PostgreSQL is skipped when it is not reachable
 * ({@code PAGABLE_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}; else 127.0.0.1:5432/test).
 */
public final class WorkloadBenchmark {

    private WorkloadBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     * @throws Exception if a contender fails
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<Contender> contenders = contenders(options.contenders);
        List<String> header = header(options);
        header.forEach(System.out::println);

        Workload workload = Workload.generate(options.nodes, options.seed);
        header.add(describe(workload));
        System.out.println(describe(workload));
        if (options.warmupNodes > 0) {
            System.out.println("warm-up on " + options.warmupNodes + " nodes (not counted)");
            Workload small = Workload.generate(options.warmupNodes, options.seed + 100);
            runAll(contenders, small, 1, options.work, new Measurements<>());
        }
        Measurements<Metric> graph = new Measurements<>();
        runAll(contenders, workload, options.repetitions, options.work, graph);

        Measurements<Figure> upstream = new Measurements<>();
        if (options.upstreamScale > 0) {
            for (int repetition = 1; repetition <= options.repetitions; repetition++) {
                Path directory = Files.createTempDirectory(options.work, "pagable-upstream");
                try {
                    EnumMap<Figure, Double> figures = UpstreamWorkloads.run(directory, options.upstreamScale);
                    System.out.println("upstream workloads, repetition " + repetition + ": " + figures);
                    upstream.add(Report.FILE, figures);
                } finally {
                    Directories.delete(directory);
                }
            }
            header.add(upstreamLine(upstream, options.upstreamScale));
        }
        Report report = new Report(graph, upstream);
        String markdown = report.markdown(header);
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(options.out);
        Path table = options.out.resolve("workload-" + options.nodes + ".md");
        Path chart = options.out.resolve("workload-" + options.nodes + ".svg");
        Files.writeString(
                table, markdown + "\n![target ratios](" + chart.getFileName() + ")\n", StandardCharsets.UTF_8);
        Files.writeString(
                chart,
                RatioChart.svg(
                        "pagable workload targets, N = " + String.format(Locale.ROOT, "%,d", options.nodes) + " ("
                                + jdk() + ", " + cpu() + ")",
                        report.targets()),
                StandardCharsets.UTF_8);
        System.out.println("wrote " + table + " and " + chart);
    }

    private static void runAll(
            List<Contender> contenders, Workload workload, int repetitions, Path work, Measurements<Metric> into)
            throws Exception {
        Files.createDirectories(work);
        for (int repetition = 1; repetition <= repetitions; repetition++) {
            for (Contender contender : contenders) {
                Path directory = Files.createTempDirectory(work, "pagable-workload");
                try {
                    EnumMap<Metric, Double> figures = contender.run(workload, directory);
                    System.out.println(contender.name() + ", repetition " + repetition + ": " + summary(figures));
                    into.add(contender.name(), figures);
                } finally {
                    Directories.delete(directory);
                }
            }
        }
    }

    private static List<Contender> contenders(List<String> names) {
        List<Contender> contenders = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case "file" -> contenders.add(new PagableContender(PagableBackend.FILE));
                case "h2" -> contenders.add(new PagableContender(PagableBackend.H2));
                case "postgresql" -> {
                    if (PagableBackend.postgresReachable()) {
                        contenders.add(new PagableContender(PagableBackend.POSTGRESQL));
                    }
                }
                case "eclipse" -> contenders.add(new EclipseStoreContender());
                case "java" -> contenders.add(new JavaSerializationContender());
                case "heap" -> contenders.add(new OnHeapContender());
                default -> throw new IllegalArgumentException("Unknown contender " + name);
            }
        }
        return contenders;
    }

    private static String summary(EnumMap<Metric, Double> figures) {
        return figures.entrySet().stream()
                .map((entry) -> entry.getKey().name().toLowerCase(Locale.ROOT) + "="
                        + Report.format(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static List<String> header(Options options) {
        List<String> lines = new ArrayList<>();
        lines.add("# pagable workload benchmark, N = " + String.format(Locale.ROOT, "%,d", options.nodes));
        lines.add("");
        lines.add("- run: " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + ", medians of "
                + options.repetitions + " repetitions per contender, each in a fresh store; seed " + options.seed);
        lines.add("- machine: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", load average at start "
                + String.format(
                        Locale.ROOT,
                        "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        long initialHeap =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit();
        long maxHeap = Runtime.getRuntime().maxMemory();
        lines.add("- JDK: " + jdk() + ", heap " + (initialHeap >> 20) + " MiB initial, " + (maxHeap >> 20)
                + " MiB max" + ((initialHeap < maxHeap) ? " (not fixed: run with -Xms equal to -Xmx)" : " (fixed)")
                + ", GC "
                + ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(" + ")));
        return lines;
    }

    private static String describe(Workload workload) {
        GraphShape first = workload.first();
        return String.format(
                Locale.ROOT,
                "- graph: %,d unique nodes (%,d leaves, %,d rules, %,d groups) + a root group of %,d members; "
                        + "1%% of the leaves changed affect %,d nodes; the second graph adds %,d nodes",
                first.uniqueNodes(),
                first.count(GraphShape.LEAF),
                first.count(GraphShape.RULE),
                first.count(GraphShape.GROUP),
                first.rootMembers(),
                workload.affected().cardinality(),
                workload.second().uniqueNodes() - first.uniqueNodes());
    }

    private static String upstreamLine(Measurements<Figure> upstream, double scale) {
        StringBuilder line = new StringBuilder(
                "- upstream workloads on the file store" + (scale != 1 ? " (scaled by " + scale + ")" : "") + ":");
        for (Figure figure : Figure.values()) {
            line.append(' ')
                    .append(figure.label)
                    .append(' ')
                    .append(Report.number(upstream.median(Report.FILE, figure)))
                    .append(" (upstream ")
                    .append(figure.upstream)
                    .append(");");
        }
        return line.toString();
    }

    private static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter((line) -> line.startsWith("model name"))
                    .map((line) -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (Exception ex) {
            return System.getProperty("os.arch");
        }
    }

    /** Command line options. */
    private static final class Options {

        int nodes = 200_000;

        int repetitions = 3;

        int warmupNodes = -1;

        long seed = 20_250_601L;

        double upstreamScale = 1;

        List<String> contenders = List.of("file", "h2", "postgresql", "eclipse", "java", "heap");

        Path out = Path.of("pagable-benchmarks", "results", "workload");

        Path work = Path.of(System.getProperty("java.io.tmpdir"));

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--nodes" -> options.nodes = Integer.parseInt(value);
                    case "--repetitions" -> options.repetitions = Integer.parseInt(value);
                    case "--warmup-nodes" -> options.warmupNodes = Integer.parseInt(value);
                    case "--seed" -> options.seed = Long.parseLong(value);
                    case "--upstream-scale" -> options.upstreamScale = Double.parseDouble(value);
                    case "--contenders" -> options.contenders = List.of(value.split(","));
                    case "--out" -> options.out = Path.of(value);
                    case "--work" -> options.work = Path.of(value);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
            if (options.warmupNodes < 0) {
                options.warmupNodes = Math.max(1_000, options.nodes / 4);
            }
            return options;
        }
    }
}
