package io.pagable.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pagable.PagableStats;
import io.pagable.PagableStorage;
import io.pagable.sample.graph.GraphCatalog;
import io.pagable.sample.graph.GraphService;
import io.pagable.sample.graph.SavedGraph;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README and the getting-started page tell readers to generate {@code demo} with the defaults and
 * then fetch certain nodes, and show what that run logged and what {@code /actuator/pagable} answered
 * afterwards. The nodes must exist in that graph; the log's counts and root key, and the response's
 * figures that depend only on the graph, must be what the sample produces now.
 */
class DocumentedPathsTests {

    private static final Pattern NODE_PATH = Pattern.compile("/api/graphs/demo/nodes/([^'\\s]+)");

    private static final Path README = Path.of("..", "README.md");

    private static final Path EXAMPLES = Path.of("..", "src-docs", "src", "test", "resources", "examples");

    /**
     * How much the graph's own record, the value of its named root, may differ in size between two
     * runs: it holds the run's times, heap figures and creation time, whose encodings vary by a few bytes.
     */
    private static final long RECORD_SIZE_SLACK = 16;

    private static PagableStorage storage;

    private static SavedGraph demo;

    private static List<String> log;

    /** Generates {@code demo} with the defaults through the sample's own service, recording what it logs. */
    @BeforeAll
    static void generateTheDefaultGraph() {
        storage = PagableStorage.builder().registerPackages("io.pagable.sample").build();
        Logger logger = (Logger) LoggerFactory.getLogger("io.pagable.sample.graph");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            demo = new GraphService(storage, new GraphCatalog(storage))
                    .generate("demo", defaultOf("seed"), (int) defaultOf("nodes"));
        } finally {
            logger.detachAppender(appender);
        }
        log = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @AfterAll
    static void closeStorage() {
        storage.close();
    }

    @Test
    void nodesTheDocsFetchExistInTheDefaultGraph() throws Exception {
        List<String> paths = new ArrayList<>();
        for (Path doc : List.of(README, Path.of("..", "src-docs", "src", "docs", "asciidoc", "getting-started.adoc"))) {
            Matcher matcher = NODE_PATH.matcher(Files.readString(doc));
            while (matcher.find()) {
                paths.add(matcher.group(1));
            }
        }
        assertThat(paths).isNotEmpty();
        for (String path : paths) {
            assertThat(RegistryPaths.resolve(demo.registry().get(), path))
                    .as(path)
                    .isNotNull();
        }
    }

    /**
     * The getting-started page's log of {@code demo}, a line {@code ...} standing for lines left out, is
     * what the sample logs now, but for the times and heap figures of that run and how many arcs each
     * "Writing" line counts (which depends on when the drainer ran).
     */
    @Test
    void gettingStartedShowsTheLogOfTheDefaultGraph() throws IOException {
        List<String> shown = Files.readAllLines(EXAMPLES.resolve("sample-demo.txt"));
        assertThat(String.join("\n", shown))
                .contains("root key " + demo.registry().key().orElseThrow().toHex() + ";");
        StringBuilder pattern = new StringBuilder();
        for (String line : withoutRunFigures(shown)) {
            pattern.append(line.equals("...") ? "(?:[^\n]*\n)*?" : Pattern.quote(line) + "\n");
        }
        List<String> produced = withoutRunFigures(log);
        assertThat(String.join("\n", produced) + "\n").matches(pattern.toString());
    }

    /**
     * The README and the operating page show one real response of {@code /actuator/pagable} after
     * {@code demo} was generated: its figures that depend only on the graph are the sample's now, the
     * bytes within what the graph's record may differ by.
     */
    @Test
    void actuatorResponseShownHasTheFiguresOfTheDefaultGraph() throws IOException {
        String example = Files.readString(EXAMPLES.resolve("actuator-pagable.json"));
        Matcher readmeBlock =
                Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        assertThat(readmeBlock.find()).isTrue();
        assertThat(readmeBlock.group(1)).isEqualTo(example);
        JsonNode shown = JsonMapper.builder().build().readTree(example);
        PagableStats stats = storage.stats();
        assertThat(shown.get("pageOuts").asLong()).isEqualTo(stats.pageOuts());
        assertThat(shown.get("store").get("entries").asLong())
                .isEqualTo(stats.store().entries());
        assertThat(shown.get("store").get("bytes").asLong())
                .isCloseTo(stats.store().bytes(), within(RECORD_SIZE_SLACK));
        assertThat(shown.get("roots").asLong()).isOne();
    }

    /** The README quotes the heap figures of the run whose log the getting-started page shows. */
    @Test
    void readmeQuotesTheHeapFiguresOfTheLoggedRun() throws IOException {
        Matcher logged = Pattern.compile("([\\d.]+) MB resident, ([\\d.]+) MB after page-out")
                .matcher(Files.readString(EXAMPLES.resolve("sample-demo.txt")));
        assertThat(logged.find()).isTrue();
        assertThat(Files.readString(README))
                .contains("the graph took " + logged.group(1) + " MB of heap while resident and " + logged.group(2)
                        + " MB after page-out");
    }

    @Test
    void docsStateTheDefaults() throws IOException {
        assertThat(defaultOf("nodes")).isEqualTo(100_000);
        assertThat(defaultOf("seed")).isEqualTo(42);
        assertThat(Files.readString(README)).contains("generate 100,000 nodes");
    }

    /** Masks a run's times, heap figures and "Writing" counts; repeated lines become one. */
    private static List<String> withoutRunFigures(List<String> lines) {
        List<String> masked = new ArrayList<>();
        for (String line : lines) {
            String figures = line.replaceAll("\\b\\d+ ms\\b", "_ ms").replaceAll("\\b\\d+\\.\\d MB\\b", "_ MB");
            String counts = figures.startsWith("Writing graph ")
                    ? figures.replaceAll(": [\\d,]+ of ", ": _ of ").replaceAll("\\(\\d+%\\)", "(_%)")
                    : figures;
            if (masked.isEmpty() || !masked.get(masked.size() - 1).equals(counts)) {
                masked.add(counts);
            }
        }
        return masked;
    }

    private static long defaultOf(String name) {
        for (Method method : GraphController.class.getMethods()) {
            if (method.getName().equals("generate")) {
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.getName().equals(name)) {
                        return Long.parseLong(
                                parameter.getAnnotation(RequestParam.class).defaultValue());
                    }
                }
            }
        }
        throw new IllegalStateException("GraphController.generate has no parameter " + name);
    }
}
