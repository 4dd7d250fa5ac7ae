package io.pagable.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.sample.graph.GeneratedRegistry;
import io.pagable.sample.graph.RegistryGenerator;
import io.pagable.sample.registry.PackageEntry;
import io.pagable.sample.registry.Registry;
import io.pagable.sample.registry.Version;
import io.pagable.store.InMemoryContentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the sample as a user would, over HTTP on a random port: generates a graph, checks that the
 * actuator shows it paged out, reads nodes by path, stops the application, starts it again on the
 * same data directory and reads the same graph back; deletes a graph and sees a collection give its
 * entries back.
 */
class SampleApplicationTests {

    private static final int NODES = 3_000;

    private static final long SEED = 7;

    @TempDir
    Path dataDirectory;

    @Test
    void generatesPagesOutAndReadsBackAfterARestart() throws IOException {
        Expected expected = Expected.generate("first", SEED, NODES);
        String manifestPath =
                "/api/graphs/first/nodes/" + expected.packageName + "/versions/" + expected.version + "/manifest";
        try (ConfigurableApplicationContext context = start()) {
            RestClient http = client(context);

            ResponseEntity<JsonNode> created = http.post()
                    .uri("/api/graphs?name=first&nodes={n}&seed={s}", NODES, SEED)
                    .retrieve()
                    .toEntity(JsonNode.class);
            assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            JsonNode graph = created.getBody();
            assertThat(graph.get("nodes").asInt()).isEqualTo(NODES);
            assertThat(graph.get("rootKey").asString()).isEqualTo(expected.rootKey.toHex());
            assertThat(graph.get("heap").get("residentBytes").asLong()).isPositive();

            JsonNode pagable = get(http, "/actuator/pagable");
            assertThat(pagable.get("pending").asLong()).isZero();
            assertThat(pagable.get("pagedOut").asLong()).isPositive();
            assertThat(pagable.get("store").get("type").asString()).isEqualTo("jdbc");
            long entries = pagable.get("store").get("entries").asLong();
            assertThat(entries).isPositive().isLessThanOrEqualTo(NODES);
            assertThatReadmeShowsTheSameFields(pagable);

            JsonNode manifest = get(http, manifestPath);
            assertThat(manifest.get("kind").asString()).isEqualTo("manifest");
            assertThat(manifest.get("pagedOutBefore").asBoolean()).isTrue();
            assertThat(manifest.get("content").get("text").asString()).isEqualTo(expected.manifestText);
            assertThat(get(http, "/actuator/pagable").get("pageIns").asLong()).isPositive();

            JsonNode version =
                    get(http, "/api/graphs/first/nodes/" + expected.packageName + "/versions/" + expected.version);
            assertThat(version.get("content").get("artifact").get("type").asString())
                    .isEqualTo(expected.artifactTag);
            assertThat(version.get("content").get("dependencies")).hasSize(expected.dependencies);
            JsonNode pkg = get(http, "/api/graphs/first/nodes/" + expected.packageName);
            assertThat(pkg.get("content").get("distTagsShareVersions").asBoolean())
                    .isTrue();

            post(http, "second", SEED);
            assertThat(post(http, "second", SEED + 1).getStatusCode())
                    .as("a taken name")
                    .isEqualTo(HttpStatus.CONFLICT);
            JsonNode afterSecond = get(http, "/actuator/pagable");
            assertThat(afterSecond.get("store").get("entries").asLong())
                    .as("an equal graph under another name adds only its registry node and its record")
                    .isEqualTo(entries + 2);
            assertThat(afterSecond.get("dedupHits").asLong()).isPositive();

            JsonNode health = get(http, "/actuator/health");
            assertThat(health.get("components").get("pagable").get("status").asString())
                    .isEqualTo("UP");
            JsonNode metric = get(http, "/actuator/metrics/pagable.paged.out");
            assertThat(metric.get("measurements").get(0).get("value").asDouble())
                    .isPositive();
        }

        try (ConfigurableApplicationContext context = start()) {
            RestClient http = client(context);
            JsonNode page = get(http, "/api/graphs?size=1");
            assertThat(names(page)).containsExactly("first");
            assertThat(page.get("content").get(0).get("rootKey").asString()).isEqualTo(expected.rootKey.toHex());
            assertThat(page.get("next").asString()).isEqualTo("first");
            JsonNode last = get(http, "/api/graphs?size=1&after=first");
            assertThat(names(last)).containsExactly("second");
            assertThat(last.get("next").isNull()).isTrue();

            JsonNode details = get(http, "/api/graphs/first");
            assertThat(details.get("graph").get("rootKey").asString()).isEqualTo(expected.rootKey.toHex());
            assertThat(details.get("packagesInRoot").asInt()).isEqualTo(expected.packages);

            JsonNode manifest = get(http, manifestPath);
            assertThat(manifest.get("pagedOutBefore").asBoolean()).isTrue();
            assertThat(manifest.get("content").get("text").asString()).isEqualTo(expected.manifestText);
            JsonNode pagable = get(http, "/actuator/pagable");
            assertThat(pagable.get("pageIns").asLong()).isPositive();
            assertThat(pagable.get("pending").asLong()).isZero();
        }
    }

    @Test
    void deletedGraphGoesAtTheNextCollection() {
        try (ConfigurableApplicationContext context = start("--pagable.gc.grace-period=0s")) {
            RestClient http = client(context);
            post(http, "kept", SEED);
            long keptEntries = storeEntries(http);
            post(http, "deleted", SEED + 1);
            assertThat(storeEntries(http)).isGreaterThan(keptEntries);
            assertThat(get(http, "/api/graphs/deleted").get("packagesInRoot").asInt())
                    .as("the registry, now in the arc cache")
                    .isPositive();

            assertThat(delete(http, "deleted").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
            assertThat(names(get(http, "/api/graphs"))).containsExactly("kept");
            PagableStorage storage = context.getBean(PagableStorage.class);
            // a scheduled collection may be running: this one then skips, and the next one goes ahead
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                storage.collectGarbage();
                assertThat(storeEntries(http)).isEqualTo(keptEntries);
            });
            assertThat(get(http, "/api/graphs/kept/nodes/" + Expected.generate("kept", SEED, NODES).packageName)
                            .get("kind")
                            .asString())
                    .isEqualTo("package");
        }
    }

    @Test
    void unknownGraphIsNotFound() {
        try (ConfigurableApplicationContext context = start()) {
            RestClient http = client(context);
            assertThat(delete(http, "absent").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(http.get()
                            .uri("/api/graphs/absent")
                            .retrieve()
                            .onStatus(HttpStatusCode::isError, (request, response) -> {})
                            .toBodilessEntity()
                            .getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    private ConfigurableApplicationContext start(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--sample.data-directory=" + dataDirectory,
                "--spring.main.banner-mode=off",
                "--logging.level.io.pagable.sample=warn"));
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new));
    }

    private static ResponseEntity<Void> post(RestClient http, String name, long seed) {
        return http.post()
                .uri("/api/graphs?name={name}&nodes={n}&seed={s}", name, NODES, seed)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {})
                .toBodilessEntity();
    }

    private static ResponseEntity<Void> delete(RestClient http, String name) {
        return http.delete()
                .uri("/api/graphs/{name}", name)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {})
                .toBodilessEntity();
    }

    private static long storeEntries(RestClient http) {
        return get(http, "/actuator/pagable").get("store").get("entries").asLong();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("content").forEach((graph) -> names.add(graph.get("name").asString()));
        return names;
    }

    private static RestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.create("http://localhost:" + port);
    }

    private static JsonNode get(RestClient http, String uri) {
        return http.get().uri(uri).retrieve().body(JsonNode.class);
    }

    /** The README shows a real /actuator/pagable response: it must have exactly today's fields. */
    private static void assertThatReadmeShowsTheSameFields(JsonNode actual) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("/actuator/pagable.{0,300}?```json\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find())
                .as("README.md has a ```json block shortly after naming /actuator/pagable")
                .isTrue();
        JsonNode shown = JsonMapper.builder().build().readTree(block.group(1));
        assertThat(fieldPaths(shown, "")).isEqualTo(fieldPaths(actual, ""));
    }

    private static Set<String> fieldPaths(JsonNode node, String prefix) {
        Set<String> paths = new TreeSet<>();
        for (String name : node.propertyNames()) {
            paths.add(prefix + name);
            JsonNode child = node.get(name);
            if (child.isObject()) {
                paths.addAll(fieldPaths(child, prefix + name + "."));
            }
        }
        return paths;
    }

    /** What the graph holds, generated independently into an in-memory store. */
    private record Expected(
            DataKey rootKey,
            int packages,
            String packageName,
            String version,
            String manifestText,
            String artifactTag,
            int dependencies) {

        static Expected generate(String name, long seed, int nodes) {
            try (PagableStorage storage = PagableStorage.builder()
                            .contentStore(new InMemoryContentStore())
                            .registerPackages("io.pagable.sample.registry")
                            .build();
                    GeneratedRegistry generated =
                            new RegistryGenerator(storage).generate(name, seed, nodes, (n) -> {})) {
                Registry registry = generated.registry();
                DataKey rootKey = storage.save(registry);
                List<PackageEntry> candidates = new ArrayList<>();
                for (PagableArc<PackageEntry> arc : registry.packages().values()) {
                    PackageEntry entry = arc.get();
                    if (entry.versions().size() > 2
                            && !entry.versions().get(1).dependencies().isEmpty()) {
                        candidates.add(entry);
                    }
                }
                PackageEntry entry = candidates.get(candidates.size() / 2);
                Version version = entry.versions().get(1);
                String tag = version.artifact()
                        .getClass()
                        .getAnnotation(io.pagable.PagableType.class)
                        .value();
                return new Expected(
                        rootKey,
                        registry.packages().size(),
                        entry.name(),
                        version.number(),
                        version.manifest().get().text(),
                        tag,
                        version.dependencies().size());
            }
        }
    }
}
