package io.pagable.boot.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The starter in a real web application: the drainer, endpoint, health and metrics over real HTTP. */
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,metrics,pagable",
            "management.endpoint.pagable.access=unrestricted",
            "management.endpoint.health.show-components=always",
            "management.endpoint.health.show-details=always",
            "pagable.types.packages=io.pagable.boot.autoconfigure.model",
            "pagable.drainer.interval=200ms"
        })
class PagableWebApplicationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void drainerBringsPendingToZeroAsTheActuatorShows() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/drawings?count=40"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).isEqualTo("40");

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/actuator/pagable").path("pending").asLong(), (pending) -> pending == 0);
        // the JDBC store answers its counts from a snapshot up to five seconds old
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get("/actuator/pagable")
                                .path("store")
                                .path("entries")
                                .asLong(),
                        (entries) -> entries > 0);

        String body =
                send(HttpRequest.newBuilder(uri("/actuator/pagable")).build()).body();
        System.out.println("GET /actuator/pagable -> " + body);
        JsonNode pagable = json.readTree(body);
        assertThat(pagable.path("pageOuts").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(pagable.path("pagedOut").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(pagable.path("bytesWritten").asLong()).isPositive();
        assertThat(pagable.has("dedupHits")).isTrue();
        assertThat(pagable.path("store").path("type").asString()).isEqualTo("jdbc");
        assertThat(pagable.path("store").path("entries").asLong()).isPositive();
        assertThat(pagable.path("cache").has("size")).isTrue();
        assertThat(pagable.path("cache").has("hitRate")).isTrue();
        assertThat(pagable.path("drainer").path("enabled").asBoolean()).isTrue();
        assertThat(pagable.path("drainer").path("interval").asString()).isEqualTo("PT0.2S");
        assertThat(pagable.path("drainer").path("lastDrainAt").asString()).isNotEmpty();
        assertThat(pagable.path("drainer").has("lastError")).isTrue();
        assertThat(pagable.path("drainer").path("lastError").isNull()).isTrue();
        assertThat(pagable.has("pending")).isTrue();
        assertThat(pagable.has("resident")).isTrue();
        assertThat(pagable.has("pageIns")).isTrue();
        assertThat(pagable.has("bytesRead")).isTrue();

        JsonNode health = get("/actuator/health");
        System.out.println("GET /actuator/health -> " + health);
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode pagableHealth = health.path("components").path("pagable");
        assertThat(pagableHealth.path("status").asString()).isEqualTo("UP");
        assertThat(pagableHealth.path("details").path("store").asString()).isEqualTo("jdbc");

        JsonNode pending = get("/actuator/metrics/pagable.pending");
        System.out.println("GET /actuator/metrics/pagable.pending -> " + pending);
        assertThat(pending.path("name").asString()).isEqualTo("pagable.pending");
        assertThat(pending.path("measurements").get(0).path("value").asDouble()).isZero();
    }

    @Test
    void drainWriteOperationIsAvailableOnceExposed() throws Exception {
        send(HttpRequest.newBuilder(uri("/drawings?count=3"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        HttpResponse<String> drained = send(HttpRequest.newBuilder(uri("/actuator/pagable"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(drained.statusCode()).isEqualTo(200);
        JsonNode result = json.readTree(drained.body());
        assertThat(result.path("pending").asLong()).isZero();
        assertThat(result.has("pagedOut")).isTrue();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).build());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
