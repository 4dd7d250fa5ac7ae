package io.pagable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GeneratedSnippetsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void propertyTableHasEveryPagablePropertyOfTheStarterMetadata() throws IOException {
        List<JsonNode> metadata = metadata();
        Set<String> names = new TreeSet<>();
        for (JsonNode document : metadata) {
            for (JsonNode property : document.path("properties")) {
                String name = property.path("name").asString();
                if (ConfigurationPropertiesTable.isAboutPagable(name)) {
                    names.add(name);
                }
            }
        }
        assertThat(names).contains("pagable.store.type", "pagable.drainer.interval", "pagable.cache.maximum-size");
        ConfigurationPropertiesTable table = ConfigurationPropertiesTable.from(metadata);
        assertThat(table.properties().keySet()).isEqualTo(names);
        String doc = table.toAsciiDoc();
        for (String name : names) {
            assertThat(doc).contains("`" + name + "`");
        }
        assertThat(doc).contains("One of: `jdbc`, `file`, `memory`.").contains("| `1s`");
    }

    @Test
    void generatedFilesAreWritten() throws IOException {
        Path results = Files.createDirectories(directory.resolve("results"));
        Files.writeString(results.resolve("jmh-example.json"), """
                [{"benchmark": "io.pagable.benchmarks.ArcBenchmark.get", "mode": "avgt", "params": {"size": "64"},
                  "primaryMetric": {"score": 1.5, "scoreError": "NaN", "scoreUnit": "ns/op",
                                    "rawData": [[1.0, 2.0, 3.0], [4.0, 5.0]]}}]
                """);
        Files.writeString(results.resolve("summary.json"), "{\"not\": \"jmh\"}");
        Path workload = Files.createDirectories(results.resolve("workload"));
        Files.writeString(workload.resolve("chart.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(workload.resolve("workload-10.md"), """
                # pagable workload benchmark, N = 10

                - run: today

                | figure | pagable file | all on heap |
                |---|---:|---:|
                | store s | 1.5 | – |

                | target | result |
                |---|---|
                | store time | **missed** |

                ![target ratios](chart.svg)
                """);
        Path output = directory.resolve("out");
        Path html = directory.resolve("html");
        GeneratedSnippets.main(new String[] {output.toString(), results.toString(), html.toString()});
        assertThat(output.resolve("configuration-properties.adoc")).content().contains("`pagable.enabled`");
        assertThat(output.resolve("benchmark-results.adoc"))
                .content()
                .contains("`ArcBenchmark.get`", "`size=64`", "1.50 ± –", "| 3.00", "ns/op")
                .doesNotContain("summary.json");
        assertThat(output.resolve("workload-results.adoc"))
                .content()
                .contains("=== pagable workload benchmark, N = 10")
                .contains("* run: today")
                .contains("[cols=\"<,>,>\",options=\"header\"]")
                .contains("| *missed*")
                .contains("image::images/benchmarks/chart.svg[target ratios,width=100%]");
        assertThat(html.resolve("images/benchmarks/chart.svg")).exists();
    }

    @Test
    void missingWorkloadReportsSayThereAreNoneYet(@TempDir Path empty) throws IOException {
        assertThat(GeneratedSnippets.workloadReports(empty.resolve("absent"), empty.resolve("images")))
                .contains("holds no report");
    }

    @Test
    void missingResultsSayThereAreNoneYet(@TempDir Path empty) {
        assertThat(BenchmarkResultsTable.from(empty.resolve("absent")).toAsciiDoc())
                .contains("holds no JMH result files");
    }

    static List<JsonNode> metadata() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (URL url : GeneratedSnippets.metadataFiles()) {
            try (InputStream in = url.openStream()) {
                documents.add(JSON.readTree(in));
            }
        }
        return documents;
    }
}
