package io.pagable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.metrics.PagableMetrics;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the prose honest about names: every {@code pagable.*} name the pages, the README and the example
 * files mention is a real property (or group of properties), a real meter, or one of a few other real
 * names; every key of an example {@code .properties} file is a property Spring Boot knows.
 */
class DocsReferencesTests {

    private static final Pattern PAGABLE_NAME = Pattern.compile("(?<![\\w./-])pagable(\\.[a-z0-9-]+)+");

    private static final Pattern MANAGEMENT_NAME = Pattern.compile("management\\.[a-z.-]*pagable[a-z.-]*");

    /**
     * Names that are neither properties nor meters: the arc cache's name, the key derivation's domain,
     * the file store's lock, roots and deletion log files.
     */
    private static final Set<String> OTHER_NAMES =
            Set.of("pagable.arc", "pagable.key.v1", "pagable.lock", "pagable.roots", "pagable.deletions");

    @Test
    void everyPagableNameInTheDocsExists() throws IOException {
        Set<String> known = new TreeSet<>(OTHER_NAMES);
        for (JsonNode document : GeneratedSnippetsTests.metadata()) {
            for (JsonNode property : document.path("properties")) {
                String name = property.path("name").asString();
                known.add(name);
                for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                    known.add(name.substring(0, dot)); // groups: pagable.store, pagable.store.jdbc ...
                }
            }
        }
        known.addAll(meterNames());
        List<String> unknown = new ArrayList<>();
        for (Path file : documents()) {
            String text = Files.readString(file);
            for (Pattern pattern : List.of(PAGABLE_NAME, MANAGEMENT_NAME)) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    String name = matcher.group().replaceAll("[.-]+$", "");
                    if (!known.contains(name)) {
                        unknown.add(file + ": " + name);
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyExamplePropertyIsAKnownProperty() throws IOException {
        Set<String> known = new TreeSet<>();
        for (JsonNode document : GeneratedSnippetsTests.metadata()) {
            for (JsonNode property : document.path("properties")) {
                known.add(property.path("name").asString());
            }
        }
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.list(Examples.DIRECTORY)) {
            for (Path file :
                    files.filter((f) -> f.toString().endsWith(".properties")).toList()) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
                for (String key : properties.stringPropertyNames()) {
                    if (!known.contains(key)) {
                        unknown.add(file.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        try (Stream<Path> pages = Files.walk(Path.of("src/docs/asciidoc"));
                Stream<Path> examples = Files.list(Examples.DIRECTORY)) {
            documents.addAll(pages.filter((f) -> f.toString().endsWith(".adoc")).toList());
            documents.addAll(examples.toList());
        }
        documents.add(Path.of("..", "README.md"));
        documents.add(Path.of("..", "sample-app", "src", "main", "resources", "application.properties"));
        return documents;
    }

    private static Set<String> meterNames() {
        try (PagableStorage storage = PagableStorage.builder().build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new PagableMetrics(
                            storage,
                            new PagableDrainer(storage, Duration.ofSeconds(1), 1, 1),
                            new PagableGarbageCollector(storage, Duration.ofHours(1)),
                            Tags.empty())
                    .bindTo(registry);
            Set<String> names = new TreeSet<>();
            registry.getMeters().forEach((meter) -> names.add(meter.getId().getName()));
            return names;
        }
    }
}
