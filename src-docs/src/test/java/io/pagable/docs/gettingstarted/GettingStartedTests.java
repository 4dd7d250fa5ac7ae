package io.pagable.docs.gettingstarted;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.docs.Examples;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Runs the Spring Boot example of the getting-started page, restarting the context in between. */
class GettingStartedTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PagableAutoConfiguration.class))
                .withUserConfiguration(Application.class)
                .withPropertyValues(Examples.properties("getting-started.properties"))
                .withPropertyValues("pagable.store.file.directory=" + directory);
    }

    @Test
    void savesLayersAndReadsOneBackAfterARestart() {
        Layer background = new Layer("background", List.of(new Circle(0, 0, 100)));
        Layer outline = new Layer("outline", List.of(new Polygon(List.of(0.0, 4.0, 4.0), List.of(0.0, 0.0, 3.0))));
        AtomicReference<DataKey> key = new AtomicReference<>();
        runner().run((context) -> {
            assertThat(context).hasSingleBean(PagableStorage.class);
            key.set(context.getBean(DrawingService.class).save("site plan", List.of(background, outline)));
        });
        runner().run((context) -> {
            Layer layer = context.getBean(DrawingService.class).layer(key.get(), 1);
            assertThat(layer).isEqualTo(outline);
            assertThat(layer.shapes().get(0)).isInstanceOf(Polygon.class);
            assertThat(context.getBean(PagableStorage.class).stats().pageIns()).isEqualTo(2); // drawing, layer
        });
    }

    /** Stands for the application's {@code @SpringBootApplication} class: its package is scanned for tags. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage
    @Import(DrawingService.class)
    static class Application {}
}
