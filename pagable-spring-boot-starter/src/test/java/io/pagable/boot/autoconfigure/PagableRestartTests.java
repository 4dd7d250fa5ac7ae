package io.pagable.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.autoconfigure.model.Drawing;
import io.pagable.boot.autoconfigure.model.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A normal stop loses nothing: arcs still pending at shutdown are in the store for the next start. */
class PagableRestartTests {

    @TempDir
    Path temp;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PagableAutoConfiguration.class))
            .withPropertyValues(
                    "pagable.types.packages=io.pagable.boot.autoconfigure.model",
                    // The schedule never fires: only the shutdown drain can write the arcs.
                    "pagable.drainer.interval=1h");

    @Test
    void arcsPendingAtShutdownAreLoadedByTheNextContextOnTheFileStore() {
        assertSurvivesRestart(contextRunner.withPropertyValues(
                "pagable.store.type=file", "pagable.store.file.directory=" + temp.resolve("store")));
    }

    @Test
    void arcsPendingAtShutdownAreLoadedByTheNextContextOnTheJdbcStore() {
        assertSurvivesRestart(contextRunner.withPropertyValues(
                "spring.datasource.url=jdbc:h2:file:" + temp.resolve("db").toAbsolutePath(),
                "spring.datasource.username=sa",
                "pagable.store.jdbc.initialize-schema=always"));
    }

    private void assertSurvivesRestart(ApplicationContextRunner runner) {
        Map<Integer, PagableArc<Drawing>> arcs = new java.util.HashMap<>();
        runner.run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            for (int i = 0; i < 20; i++) {
                List<Shape> shapes = new ArrayList<>();
                for (int j = 0; j <= i; j++) {
                    shapes.add(new Circle(j));
                }
                arcs.put(i, storage.arc(new Drawing("drawing " + i, shapes)));
            }
            assertThat(storage.pendingCount()).isEqualTo(20);
            assertThat(arcs.values()).allSatisfy((arc) -> assertThat(arc.key()).isEmpty());
        });
        assertThat(arcs.values()).allSatisfy((arc) -> assertThat(arc.key()).isPresent());
        Map<Integer, DataKey> keys = arcs.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, (entry) -> entry.getValue().key().orElseThrow()));
        runner.run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            keys.forEach((i, key) -> {
                Drawing drawing = storage.load(key, Drawing.class);
                assertThat(drawing.title()).isEqualTo("drawing " + i);
                assertThat(drawing.shapes()).hasSize(i + 1);
                assertThat(storage.arc(key, Drawing.class).get()).isEqualTo(drawing);
            });
        });
    }
}
