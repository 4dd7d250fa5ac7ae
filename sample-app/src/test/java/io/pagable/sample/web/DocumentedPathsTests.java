package io.pagable.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.PagableStorage;
import io.pagable.sample.graph.GeneratedRegistry;
import io.pagable.sample.graph.RegistryGenerator;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The README and the getting-started page tell readers to generate {@code demo} with the defaults and
 * then fetch certain nodes: those nodes must exist in that graph.
 */
class DocumentedPathsTests {

    private static final Pattern NODE_PATH = Pattern.compile("/api/graphs/demo/nodes/([^'\\s]+)");

    @Test
    void nodesTheDocsFetchExistInTheDefaultGraph() throws Exception {
        List<String> paths = new ArrayList<>();
        for (Path doc : List.of(
                Path.of("..", "README.md"),
                Path.of("..", "src-docs", "src", "docs", "asciidoc", "getting-started.adoc"))) {
            Matcher matcher = NODE_PATH.matcher(Files.readString(doc));
            while (matcher.find()) {
                paths.add(matcher.group(1));
            }
        }
        assertThat(paths).isNotEmpty();
        try (PagableStorage storage = PagableStorage.builder()
                        .registerPackages("io.pagable.sample.registry")
                        .build();
                GeneratedRegistry demo = new RegistryGenerator(storage)
                        .generate("demo", defaultOf("seed"), (int) defaultOf("nodes"), (n) -> {})) {
            for (String path : paths) {
                assertThat(RegistryPaths.resolve(demo.registry(), path))
                        .as(path)
                        .isNotNull();
            }
        }
    }

    @Test
    void docsStateTheDefaults() throws IOException {
        assertThat(defaultOf("nodes")).isEqualTo(100_000);
        assertThat(defaultOf("seed")).isEqualTo(42);
        assertThat(Files.readString(Path.of("..", "README.md"))).contains("generate 100,000 nodes");
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
