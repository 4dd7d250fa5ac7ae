package io.pagable.docs.operating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.endpoint.PagableEndpoint;
import io.pagable.boot.actuate.health.PagableHealthIndicator;
import io.pagable.boot.actuate.metrics.PagableMetrics;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import io.pagable.docs.Examples;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the operating page true: its tables are checked against the endpoint, meters and health. */
@ExtendWith(OutputCaptureExtension.class)
class OperatingDocsTests {

    private static final Path PAGE = Path.of("src/docs/asciidoc/operating.adoc");

    @Test
    void actuatorFieldTableListsEveryFieldOfTheEndpoint() throws IOException {
        assertThat(new TreeSet<>(markedTable("actuator-fields")))
                .isEqualTo(new TreeSet<>(componentPaths(PagableEndpoint.PagableDescriptor.class, "")));
    }

    @Test
    void exampleResponseHasExactlyTheEndpointsFields() throws IOException {
        JsonNode example = JsonMapper.builder().build().readTree(Examples.DIRECTORY.resolve("actuator-pagable.json"));
        Set<String> expected = new TreeSet<>(componentPaths(PagableEndpoint.PagableDescriptor.class, ""));
        // an object that is null in the example (gc.lastCollection before the first collection) has no fields there
        expected.removeIf((path) -> nullAncestor(example, path));
        assertThat(new TreeSet<>(jsonPaths(example, ""))).isEqualTo(expected);
    }

    private static boolean nullAncestor(JsonNode example, String path) {
        JsonNode node = example;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            node = node.path(names[i]);
            if (node.isNull()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void metricTableListsEveryPagableMeter() throws IOException {
        try (PagableStorage storage = PagableStorage.builder().build()) {
            PagableDrainer drainer = new PagableDrainer(storage, Duration.ofSeconds(1), 1000, 1);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            PagableGarbageCollector collector = new PagableGarbageCollector(storage, Duration.ofHours(1));
            new PagableMetrics(storage, drainer, collector, Tags.empty()).bindTo(registry);
            Set<String> pagableMeters = registry.getMeters().stream()
                    .map((meter) -> meter.getId().getName())
                    .filter((name) -> name.startsWith("pagable."))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(new TreeSet<>(markedTable("metrics"))).isEqualTo(pagableMeters);
            List<Meter> cacheMeters = registry.getMeters().stream()
                    .filter((meter) -> "pagable.arc".equals(meter.getId().getTag("cache")))
                    .toList();
            assertThat(cacheMeters)
                    .extracting((meter) -> meter.getId().getName())
                    .contains("cache.gets");
        }
    }

    @Test
    void healthTableListsEveryDetail() throws IOException {
        ContentStore store = new InMemoryContentStore();
        Set<String> details = new TreeSet<>();
        try (PagableStorage storage =
                PagableStorage.builder().contentStore(store).build()) {
            PagableDrainer drainer = new PagableDrainer(storage, Duration.ofSeconds(1), 1000, 1);
            drainer.drain();
            Health withDrainer = new PagableHealthIndicator(storage, store, drainer).health(true);
            Health withoutDrainer = new PagableHealthIndicator(storage, store, null).health(true);
            details.addAll(withDrainer.getDetails().keySet());
            details.addAll(withoutDrainer.getDetails().keySet());
        }
        details.addAll(List.of("failedDrainsInARow", "error")); // when DOWN
        details.addAll(List.of("degraded", "unwritableArcs", "unwritable")); // when arcs could not be written
        assertThat(new TreeSet<>(markedTable("health-details"))).isEqualTo(details);
    }

    @Test
    void failureAnalysisExampleIsWhatTheStarterReports(CapturedOutput output) throws IOException {
        String expected = Files.readString(Examples.DIRECTORY.resolve("failure-analysis.txt"));
        SpringApplication application = new SpringApplication(BadApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException()
                .isThrownBy(() ->
                        application.run("--spring.config.location=classpath:examples/failure-analysis.properties"));
        String printed = output.toString();
        int start = printed.indexOf("Description:");
        assertThat(start).as("a failure analysis in %s", printed).isNotNegative();
        int end = printed.indexOf("provided reason.", start) + "provided reason.".length();
        assertThat(printed.substring(start, end).replace(System.lineSeparator(), "\n") + "\n")
                .isEqualTo(expected);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PagableAutoConfiguration.class)
    static class BadApplication {}

    /** First-column entries, in backticks, of the table between {@code // <name>-start} and {@code -end}. */
    static List<String> markedTable(String name) throws IOException {
        String page = Files.readString(PAGE);
        int start = page.indexOf("// " + name + "-start");
        int end = page.indexOf("// " + name + "-end");
        assertThat(start).as("marker %s-start in %s", name, PAGE).isNotNegative();
        assertThat(end).as("marker %s-end in %s", name, PAGE).isGreaterThan(start);
        List<String> entries = new ArrayList<>();
        Matcher cell = Pattern.compile("(?m)^\\| `([^`]+)`").matcher(page.substring(start, end));
        while (cell.find()) {
            entries.add(cell.group(1));
        }
        return entries;
    }

    static Set<String> componentPaths(Class<?> record, String prefix) {
        Set<String> paths = new LinkedHashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String path = prefix + component.getName();
            paths.add(path);
            if (component.getType().isRecord()) {
                paths.addAll(componentPaths(component.getType(), path + "."));
            }
        }
        return paths;
    }

    static Set<String> jsonPaths(JsonNode node, String prefix) {
        Set<String> paths = new LinkedHashSet<>();
        for (String name : node.propertyNames()) {
            paths.add(prefix + name);
            if (node.get(name).isObject()) {
                paths.addAll(jsonPaths(node.get(name), prefix + name + "."));
            }
        }
        return paths;
    }
}
