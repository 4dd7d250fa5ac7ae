package io.pagable.boot.autoconfigure.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.autoconfigure.model.Drawing;
import io.pagable.boot.autoconfigure.model.Shape;
import io.pagable.boot.autoconfigure.web.WebTestApplication;
import io.pagable.store.jdbc.StoreTables;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code /actuator/pagable} reveals and allows over real HTTP. It is not exposed unless the
 * application exposes it; once exposed, its read operation shows counts, sizes, times, the store's
 * type and the last drain error, never a key of stored data, stored content or credentials; its
 * write operation (an on-demand drain) is refused unless the application grants the endpoint
 * unrestricted access.
 */
class PagableActuatorSecurityTests {

    /** Content of the stored values: must never appear in what the actuator shows. */
    private static final String SECRET_TITLE = "TOP-SECRET-quarterly-figures";

    private static final String PASSWORD = "s3cret-Pagable-Password";

    /** A DataKey in hex: 32 hex digits in a row. */
    private static final Pattern HEX_KEY = Pattern.compile("(?i)[0-9a-f]{32}");

    private static final Pattern ISO_DURATION = Pattern.compile("P(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");

    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    /** A shape without a type tag: a drawing holding one can never be written. */
    record Untagged(String label) implements Shape {}

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void endpointIsNotExposedUnlessTheApplicationExposesIt() throws Exception {
        int port = start();

        assertThat(get(port, "/actuator/pagable").statusCode()).isEqualTo(404);
        assertThat(post(port, "/actuator/pagable").statusCode()).isEqualTo(404);
        assertThat(get(port, "/actuator").body()).doesNotContain("pagable");
    }

    @Test
    void exposingTheEndpointDoesNotExposeItsWriteOperation() throws Exception {
        int port = start("management.endpoints.web.exposure.include=health,pagable", "pagable.drainer.interval=1h");
        createDrawings(port);

        HttpResponse<String> drain = post(port, "/actuator/pagable");

        assertThat(drain.statusCode())
                .as("POST /actuator/pagable with only the exposure set; fix: @Endpoint(id = \"pagable\", "
                        + "defaultAccess = Access.READ_ONLY) in PagableEndpoint")
                .isIn(403, 404, 405);
        assertThat(storage().pendingCount()).isPositive();
        assertThat(get(port, "/actuator/pagable").statusCode()).isEqualTo(200);
    }

    @Test
    void writeOperationWorksOnceTheApplicationGrantsUnrestrictedAccess() throws Exception {
        int port = start(
                "management.endpoints.web.exposure.include=health,pagable",
                "management.endpoint.pagable.access=unrestricted",
                "pagable.drainer.interval=1h");
        createDrawings(port);

        HttpResponse<String> drain = post(port, "/actuator/pagable");

        assertThat(drain.statusCode()).isEqualTo(200);
        assertThat(json.readTree(drain.body()).path("pending").asLong()).isZero();
    }

    @Test
    void readOperationShowsCountsTimesAndErrorsButNoKeysContentOrCredentials() throws Exception {
        String table = StoreTables.uniqueTableName();
        int port = start(
                "management.endpoints.web.exposure.include=health,pagable",
                "spring.datasource.url=jdbc:h2:mem:security-" + table,
                "spring.datasource.username=sa",
                "spring.datasource.password=" + PASSWORD,
                "pagable.store.jdbc.table-name=" + table,
                "pagable.store.jdbc.initialize-schema=always",
                "pagable.drainer.interval=50ms");
        StoreTables.drop(context().getBean(DataSource.class), table);
        PagableStorage storage = storage();
        List<PagableArc<Drawing>> drawings = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            drawings.add(storage.arc(new Drawing(SECRET_TITLE + "-" + i, List.of(new Circle(i)))));
        }
        // can never be written: reported by class and reason, never by content
        storage.arc(new Drawing(SECRET_TITLE + "-untagged", List.of(new Untagged(SECRET_TITLE))));

        // The table is gone (dropped after the start): drains fail and the endpoint shows the error.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pagable(port).path("drainer").path("failedRuns").asLong() > 0);
        JsonNode failing = pagable(port);
        assertThat(failing.path("drainer").path("lastError").asString()).contains(table);
        assertCountsOnly(failing);
        assertThat(get(port, "/actuator/health").body())
                .doesNotContain(table)
                .doesNotContain(PASSWORD)
                .doesNotContain(SECRET_TITLE);

        StoreTables.create(context().getBean(DataSource.class), table);
        await().atMost(Duration.ofSeconds(60)).until(() -> storage.pendingCount() == 0);
        JsonNode drained = pagable(port);
        assertThat(drained.path("pageOuts").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(drained.path("drainer").path("lastError").isNull()).isTrue();
        assertCountsOnly(drained);
        String body = get(port, "/actuator/pagable").body();
        for (PagableArc<Drawing> drawing : drawings) {
            assertThat(body).doesNotContain(drawing.key().orElseThrow().toHex());
        }
    }

    /**
     * Every leaf is a number, a boolean or null, except: the drainer's interval (an ISO-8601
     * duration), the last drain's time (an ISO-8601 instant), the store's type (a word), the last
     * error (text without keys, content or credentials) and, for each arc that could not be written,
     * its value's class name, the reason (exception type and message: class and field names, no
     * values) and the time.
     */
    private static void assertCountsOnly(JsonNode pagable) {
        String text = pagable.toString();
        assertThat(text).doesNotContain(SECRET_TITLE).doesNotContain(PASSWORD);
        assertThat(HEX_KEY.matcher(text).find()).as("a key in %s", text).isFalse();
        leaves(pagable, "", (path, leaf) -> {
            if (leaf.isNumber() || leaf.isBoolean() || leaf.isNull()) {
                return;
            }
            assertThat(leaf.isString()).as("%s is %s", path, leaf).isTrue();
            String value = leaf.asString();
            switch (path) {
                case "drainer.interval" -> assertThat(value).matches(ISO_DURATION);
                case "drainer.lastDrainAt" -> assertThat(value).matches(ISO_INSTANT);
                case "store.type" -> assertThat(value).matches("[A-Za-z]+");
                case "drainer.lastError" -> assertThat(value).doesNotContain("jdbc:");
                case "unwritable.recent[].type" -> assertThat(value).matches("[\\w.$]+");
                case "unwritable.recent[].reason" -> assertThat(value).doesNotContain("jdbc:");
                case "unwritable.recent[].at" -> assertThat(value).matches(ISO_INSTANT);
                case "gc.interval" -> assertThat(value).matches(ISO_DURATION);
                case "gc.lastCollection.outcome" -> assertThat(value).matches("[A-Z_]+");
                case "gc.lastCollection.startedAt" -> assertThat(value).matches(ISO_INSTANT);
                case "gc.lastError" -> assertThat(value).doesNotContain("jdbc:");
                default -> throw new AssertionError("unexpected text at " + path + ": " + value);
            }
        });
    }

    private interface LeafCheck {
        void check(String path, JsonNode leaf);
    }

    private static void leaves(JsonNode node, String path, LeafCheck check) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                leaves(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), check);
            }
        } else if (node.isArray()) {
            assertThat(path).as("an array at %s: %s", path, node).isEqualTo("unwritable.recent");
            node.valueStream().forEach((element) -> leaves(element, path + "[]", check));
        } else {
            check.check(path, node);
        }
    }

    private int start(String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.jmx.enabled=false",
                "pagable.types.packages=io.pagable.boot.autoconfigure.model"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebTestApplication.class)
                .properties(all.toArray(String[]::new))
                .run();
        contexts.add(context);
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private ConfigurableApplicationContext context() {
        return contexts.get(contexts.size() - 1);
    }

    private PagableStorage storage() {
        return context().getBean(PagableStorage.class);
    }

    private void createDrawings(int port) throws Exception {
        assertThat(post(port, "/drawings?count=5").statusCode()).isEqualTo(200);
        assertThat(storage().pendingCount()).isPositive();
    }

    private JsonNode pagable(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, "/actuator/pagable");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(port, path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
