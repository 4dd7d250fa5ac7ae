package io.pagable.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.PagableStorageBuilder;
import io.pagable.store.jdbc.JdbcContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The jar's generated configuration metadata describes every property, with defaults and hints. */
class ConfigurationMetadataTests {

    private static final Map<String, Object> DEFAULTS = new HashMap<>();

    static {
        DEFAULTS.put("pagable.enabled", true);
        DEFAULTS.put("pagable.verify-immutability", false);
        DEFAULTS.put("pagable.store.type", null);
        DEFAULTS.put("pagable.store.verify-reads", true);
        DEFAULTS.put("pagable.store.max-node-size", DataSize.ofBytes(PagableStorageBuilder.DEFAULT_MAX_NODE_BYTES));
        DEFAULTS.put("pagable.store.read-ahead", PagableStorageBuilder.DEFAULT_READ_AHEAD);
        DEFAULTS.put("pagable.store.jdbc.table-name", JdbcContentStore.DEFAULT_TABLE_NAME);
        DEFAULTS.put("pagable.store.jdbc.initialize-schema", "embedded");
        DEFAULTS.put("pagable.store.jdbc.schema", "classpath:io/pagable/store/jdbc/schema-@@platform@@.sql");
        DEFAULTS.put("pagable.store.jdbc.platform", null);
        DEFAULTS.put("pagable.store.jdbc.batch-size", JdbcContentStore.DEFAULT_BATCH_SIZE);
        DEFAULTS.put("pagable.store.file.directory", null);
        DEFAULTS.put("pagable.store.file.fsync", true);
        DEFAULTS.put("pagable.cache.spec", null);
        DEFAULTS.put("pagable.cache.maximum-size", PagableStorageBuilder.DEFAULT_CACHE_MAXIMUM_SIZE);
        DEFAULTS.put("pagable.cache.expire-after-access", null);
        DEFAULTS.put("pagable.drainer.enabled", true);
        DEFAULTS.put("pagable.drainer.interval", "1s");
        DEFAULTS.put("pagable.drainer.batch-size", 1000);
        DEFAULTS.put("pagable.drainer.threads", 1);
        DEFAULTS.put("pagable.gc.enabled", true);
        DEFAULTS.put("pagable.gc.interval", PagableProperties.DEFAULT_GC_INTERVAL);
        DEFAULTS.put("pagable.gc.grace-period", PagableStorageBuilder.DEFAULT_GC_GRACE_PERIOD);
        DEFAULTS.put("pagable.types.packages", null);
    }

    private final JsonNode metadata = read("META-INF/spring-configuration-metadata.json");

    @Test
    void describesEveryPropertyWithItsDefault() {
        Map<String, JsonNode> properties = new HashMap<>();
        for (JsonNode property : metadata.path("properties")) {
            if (property.path("name").asString().startsWith("pagable.")) {
                properties.put(property.path("name").asString(), property);
            }
        }
        assertThat(properties).containsOnlyKeys(DEFAULTS.keySet());
        DEFAULTS.forEach((name, expected) -> {
            JsonNode property = properties.get(name);
            assertThat(property.path("description").asString())
                    .as(name)
                    .isNotBlank()
                    .doesNotStartWith("The ");
            if (expected == null) {
                assertThat(property.has("defaultValue")).as(name).isFalse();
            } else {
                String value = property.path("defaultValue").asString();
                if (expected instanceof DataSize size) {
                    assertThat(DataSize.parse(value)).as(name).isEqualTo(size);
                } else if (expected instanceof java.time.Duration duration) {
                    assertThat(org.springframework.boot.convert.DurationStyle.detectAndParse(value))
                            .as(name)
                            .isEqualTo(duration);
                } else {
                    assertThat(value).as(name).isEqualTo(String.valueOf(expected));
                }
            }
        });
    }

    @Test
    void defaultsAreTheCoresOwn() {
        PagableProperties properties = new PagableProperties();
        PagableProperties.Store store = properties.getStore();
        assertThat(store.getReadAhead()).isEqualTo(PagableStorageBuilder.DEFAULT_READ_AHEAD);
        assertThat(store.getMaxNodeSize().toBytes()).isEqualTo(PagableStorageBuilder.DEFAULT_MAX_NODE_BYTES);
        assertThat(properties.getCache().getMaximumSize()).isEqualTo(PagableStorageBuilder.DEFAULT_CACHE_MAXIMUM_SIZE);
        assertThat(store.getJdbc().getTableName()).isEqualTo(JdbcContentStore.DEFAULT_TABLE_NAME);
        assertThat(store.getJdbc().getBatchSize()).isEqualTo(JdbcContentStore.DEFAULT_BATCH_SIZE);
        assertThat(properties.getGc().getGracePeriod()).isEqualTo(PagableStorageBuilder.DEFAULT_GC_GRACE_PERIOD);
    }

    @Test
    void hintsTheStoreTypes() {
        List<String> values = metadata.path("hints")
                .valueStream()
                .filter((hint) -> hint.path("name").asString().equals("pagable.store.type"))
                .flatMap((hint) -> hint.path("values").valueStream())
                .map((value) -> value.path("value").asString())
                .toList();
        assertThat(values).containsExactly("jdbc", "file", "memory");
    }

    @Test
    void describesTheHealthIndicatorSwitch() {
        assertThat(metadata.path("properties")
                        .valueStream()
                        .map((property) -> property.path("name").asString()))
                .contains("management.health.pagable.enabled");
    }

    private static JsonNode read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
