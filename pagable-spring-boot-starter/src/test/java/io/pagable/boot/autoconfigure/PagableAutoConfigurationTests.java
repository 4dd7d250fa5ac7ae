package io.pagable.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import com.github.benmanes.caffeine.cache.Ticker;
import io.pagable.DataKey;
import io.pagable.DataLimitExceededException;
import io.pagable.MutatedValueException;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.Pinned;
import io.pagable.TypeRegistry;
import io.pagable.boot.autoconfigure.app.SampleApplicationConfiguration;
import io.pagable.boot.autoconfigure.app.Star;
import io.pagable.boot.autoconfigure.model.Album;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.autoconfigure.model.Drawing;
import io.pagable.boot.autoconfigure.model.Shape;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import io.pagable.store.file.FileContentStore;
import io.pagable.store.jdbc.JdbcContentStore;
import io.pagable.store.jdbc.MissingTableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

@ExtendWith(OutputCaptureExtension.class)
class PagableAutoConfigurationTests {

    @TempDir
    Path temp;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PagableAutoConfiguration.class))
            .withPropertyValues("pagable.types.packages=io.pagable.boot.autoconfigure.model");

    private final ApplicationContextRunner withDataSource = contextRunner.withConfiguration(
            AutoConfigurations.of(DataSourceAutoConfiguration.class, PagableAutoConfiguration.class));

    @Test
    void usesJdbcStoreAndCreatesTableWhenApplicationHasEmbeddedDataSource() {
        withDataSource.run((context) -> {
            assertThat(context).hasSingleBean(JdbcContentStore.class);
            assertThat(context).hasSingleBean(PagableDataSourceScriptDatabaseInitializer.class);
            assertThat(tableExists(context, "PAGABLE_NODES")).isTrue();
            assertRoundTrip(context);
        });
    }

    @Test
    void createsTableWithConfiguredName() {
        withDataSource
                .withPropertyValues("pagable.store.jdbc.table-name=custom_nodes")
                .run((context) -> {
                    assertThat(tableExists(context, "custom_nodes")).isTrue();
                    assertThat(tableExists(context, "PAGABLE_NODES")).isFalse();
                    assertRoundTrip(context);
                });
    }

    @Test
    void leavesSchemaAloneWhenInitializeSchemaIsNever() {
        withDataSource
                .withPropertyValues("pagable.store.jdbc.initialize-schema=never")
                .run((context) -> {
                    // the table was left to the application, which has none: the store stops the start
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(MissingTableException.class)
                            .hasMessageContaining("PAGABLE_NODES");
                });
    }

    @Test
    void usesJdbcStoreWithoutSpringBootJdbcButLeavesTheSchemaToTheApplication() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        contextRunner
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.jdbc."))
                .withBean(DataSource.class, () -> {
                    // the application creates the table itself
                    new JdbcContentStore(dataSource).createTableIfMissing();
                    return dataSource;
                })
                .run((context) -> {
                    assertThat(context).hasSingleBean(JdbcContentStore.class);
                    assertThat(context).doesNotHaveBean("pagableDataSourceScriptDatabaseInitializer");
                });
    }

    @Test
    void usesFileStoreUnderTempDirectoryWithoutDataSource(CapturedOutput output) {
        String name = "pagable-boot-test-" + UUID.randomUUID();
        Path expected = Path.of(System.getProperty("java.io.tmpdir"), "pagable", name);
        try {
            contextRunner.withPropertyValues("spring.application.name=" + name).run((context) -> {
                assertThat(context).hasSingleBean(FileContentStore.class);
                assertThat(context).doesNotHaveBean(JdbcContentStore.class);
                assertThat(expected).isDirectory();
                assertThat(output).contains("Pagable file store in " + expected);
                assertRoundTrip(context);
            });
        } finally {
            FileSystemUtils.deleteRecursively(expected.toFile());
        }
    }

    @Test
    void usesFileStoreInConfiguredDirectory() {
        Path directory = temp.resolve("nested/store");
        contextRunner
                .withPropertyValues("pagable.store.file.directory=" + directory)
                .run((context) -> {
                    assertThat(context).hasSingleBean(FileContentStore.class);
                    assertRoundTrip(context);
                    assertThat(directory).isDirectory();
                });
    }

    @Test
    void usesFileStoreWhenTypeIsFileDespiteDataSource() {
        withDataSource
                .withPropertyValues("pagable.store.type=file", "pagable.store.file.directory=" + temp)
                .run((context) -> {
                    assertThat(context).hasSingleBean(FileContentStore.class);
                    assertThat(context).doesNotHaveBean(JdbcContentStore.class);
                    assertThat(context).doesNotHaveBean(PagableDataSourceScriptDatabaseInitializer.class);
                });
    }

    @Test
    void usesMemoryStoreWhenTypeIsMemory() {
        withDataSource.withPropertyValues("pagable.store.type=memory").run((context) -> {
            assertThat(context).hasSingleBean(InMemoryContentStore.class);
            assertThat(context).getBean(ContentStore.class).isInstanceOf(InMemoryContentStore.class);
            assertRoundTrip(context);
        });
    }

    @Test
    void storeTypeIsCaseInsensitive() {
        contextRunner
                .withPropertyValues("pagable.store.type=MEMORY")
                .run((context) -> assertThat(context).hasSingleBean(InMemoryContentStore.class));
    }

    @Test
    void backsOffEntirelyWhenDisabled() {
        withDataSource.withPropertyValues("pagable.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(PagableStorage.class);
            assertThat(context).doesNotHaveBean(ContentStore.class);
            assertThat(context).doesNotHaveBean(TypeRegistry.class);
            assertThat(context).doesNotHaveBean(PagableDrainer.class);
            assertThat(context).doesNotHaveBean(PagableProperties.class);
        });
    }

    @Test
    void userContentStoreWins() {
        InMemoryContentStore store = new InMemoryContentStore();
        withDataSource.withBean(ContentStore.class, () -> store).run((context) -> {
            assertThat(context).hasSingleBean(ContentStore.class);
            assertThat(context).doesNotHaveBean(JdbcContentStore.class);
            assertThat(context).doesNotHaveBean(PagableDataSourceScriptDatabaseInitializer.class);
            DataKey key = context.getBean(PagableStorage.class).save(new Circle(2));
            assertThat(store.contains(key)).isTrue();
        });
    }

    @Test
    void userTypeRegistryWins() {
        TypeRegistry registry = TypeRegistry.of(Star.class);
        contextRunner
                .withPropertyValues("pagable.store.type=memory")
                .withBean(TypeRegistry.class, () -> registry)
                .run((context) -> {
                    assertThat(context).getBean(TypeRegistry.class).isSameAs(registry);
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    DataKey key = storage.save(new Drawing("stars", List.of(new Star(5))));
                    assertThat(storage.load(key, Drawing.class).shapes()).containsExactly(new Star(5));
                });
    }

    @Test
    void userStorageAndDrainerWin() {
        PagableStorage storage = PagableStorage.builder().build();
        PagableDrainer drainer = new PagableDrainer(storage, Duration.ofHours(1), 1, 1);
        contextRunner
                .withPropertyValues("pagable.store.type=memory")
                .withBean(PagableStorage.class, () -> storage)
                .withBean(PagableDrainer.class, () -> drainer)
                .run((context) -> {
                    assertThat(context).getBean(PagableStorage.class).isSameAs(storage);
                    assertThat(context).getBean(PagableDrainer.class).isSameAs(drainer);
                });
    }

    @Test
    void drainerIsOnByDefaultAndOffWhenDisabled() {
        contextRunner.withPropertyValues("pagable.store.type=memory").run((context) -> {
            assertThat(context).hasSingleBean(PagableDrainer.class);
            PagableDrainer drainer = context.getBean(PagableDrainer.class);
            assertThat(drainer.isRunning()).isTrue();
            assertThat(drainer.getInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(drainer.getBatchSize()).isEqualTo(1000);
            assertThat(drainer.getThreads()).isEqualTo(1);
        });
        contextRunner
                .withPropertyValues("pagable.store.type=memory", "pagable.drainer.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(PagableDrainer.class));
    }

    @Test
    void garbageCollectorIsOnByDefaultAndOffWhenDisabled() {
        contextRunner.withPropertyValues("pagable.store.type=memory").run((context) -> {
            assertThat(context).hasSingleBean(PagableGarbageCollector.class);
            PagableGarbageCollector collector = context.getBean(PagableGarbageCollector.class);
            assertThat(collector.isRunning()).isTrue();
            assertThat(collector.getInterval()).isEqualTo(Duration.ofHours(1));
        });
        contextRunner
                .withPropertyValues("pagable.store.type=memory", "pagable.gc.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(PagableGarbageCollector.class));
    }

    @Test
    void garbageCollectorAndStorageTakeTheirSettingsFromProperties() {
        contextRunner
                .withPropertyValues(
                        "pagable.store.type=memory", "pagable.gc.interval=30m", "pagable.gc.grace-period=0s")
                .run((context) -> {
                    assertThat(context.getBean(PagableGarbageCollector.class).getInterval())
                            .isEqualTo(Duration.ofMinutes(30));
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    storage.saveRoot("kept", "first");
                    storage.saveRoot("kept", "second");
                    sleep(5); // touched times have millisecond resolution: the first value is older than now
                    assertThat(storage.collectGarbage().nodesDeleted())
                            .as("with no grace period, the first value goes at once")
                            .isEqualTo(1);
                });
    }

    @Test
    void drainerTakesItsSettingsFromProperties() {
        contextRunner
                .withPropertyValues(
                        "pagable.store.type=memory",
                        "pagable.drainer.interval=250ms",
                        "pagable.drainer.batch-size=7",
                        "pagable.drainer.threads=3")
                .run((context) -> {
                    PagableDrainer drainer = context.getBean(PagableDrainer.class);
                    assertThat(drainer.getInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(drainer.getBatchSize()).isEqualTo(7);
                    assertThat(drainer.getThreads()).isEqualTo(3);
                });
    }

    @Test
    void verifyImmutabilityMakesTheStorageReportAValueChangedWhilePinned() {
        contextRunner
                .withPropertyValues(
                        "pagable.store.type=memory",
                        "pagable.drainer.enabled=false",
                        "pagable.verify-immutability=true")
                .run((context) -> assertThatExceptionOfType(MutatedValueException.class)
                        .isThrownBy(() -> changeWhilePinned(context.getBean(PagableStorage.class)))
                        .withMessageContaining(Drawing.class.getName()));
    }

    @Test
    void valuesChangedWhilePinnedGoUnreportedByDefault() {
        contextRunner
                .withPropertyValues("pagable.store.type=memory", "pagable.drainer.enabled=false")
                .run((context) -> {
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    DataKey key = changeWhilePinned(storage);
                    assertThat(storage.load(key, Drawing.class).shapes()).containsExactly(new Circle(1));
                });
    }

    /** Pins an arc, writes it, adds a shape to its drawing and closes the pin; returns the stored key. */
    private static DataKey changeWhilePinned(PagableStorage storage) {
        List<Shape> shapes = new ArrayList<>(List.of(new Circle(1)));
        PagableArc<Drawing> arc = storage.arc(new Drawing("changed", shapes));
        try (Pinned<Drawing> pinned = arc.pin()) {
            storage.pageOutPending();
            pinned.get().shapes().add(new Circle(2));
        }
        return arc.key().orElseThrow();
    }

    @Test
    void registersTypesFromAutoConfigurationPackagesAndTypesPackages() {
        contextRunner
                .withUserConfiguration(SampleApplicationConfiguration.class)
                .withPropertyValues("pagable.store.type=memory")
                .run((context) -> assertThat(context.getBean(TypeRegistry.class).tags())
                        .containsExactlyInAnyOrder("boot.test.star", "boot.test.circle"));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PagableAutoConfiguration.class))
                .withUserConfiguration(SampleApplicationConfiguration.class)
                .withPropertyValues("pagable.store.type=memory")
                .run((context) ->
                        assertThat(context.getBean(TypeRegistry.class).tags()).containsExactly("boot.test.star"));
    }

    @Test
    void arcCacheKeepsValuesByDefault() {
        cacheRunner().run((context) -> assertCacheSizeAfterLoading(context, 3));
    }

    @Test
    void arcCacheHonoursMaximumSize() {
        cacheRunner()
                .withPropertyValues("pagable.cache.maximum-size=0")
                .run((context) -> assertCacheSizeAfterLoading(context, 0));
        cacheRunner()
                .withPropertyValues("pagable.cache.maximum-size=2", "pagable.cache.expire-after-access=10m")
                .run((context) -> assertCacheSizeAfterLoading(context, 2));
    }

    @Test
    void arcCacheHonoursSpecOverMaximumSize() {
        cacheRunner()
                .withPropertyValues("pagable.cache.spec=maximumSize=1", "pagable.cache.maximum-size=100")
                .run((context) -> assertCacheSizeAfterLoading(context, 1));
    }

    @Test
    void arcCacheHonoursCaffeineSpecBean() {
        cacheRunner()
                .withBean(CaffeineSpec.class, () -> CaffeineSpec.parse("maximumSize=2"))
                .withPropertyValues("pagable.cache.spec=maximumSize=1")
                .run((context) -> assertCacheSizeAfterLoading(context, 2));
    }

    @Test
    void arcCacheHonoursCaffeineBean() {
        cacheRunner()
                .withUserConfiguration(CaffeineConfiguration.class)
                .withBean(CaffeineSpec.class, () -> CaffeineSpec.parse("maximumSize=2"))
                .run((context) -> assertCacheSizeAfterLoading(context, 1));
    }

    @Test
    void arcCacheExpiresOnTheTickerBean() {
        AtomicLong nanos = new AtomicLong();
        cacheRunner()
                .withBean(Ticker.class, () -> nanos::get)
                .withPropertyValues("pagable.cache.expire-after-access=1m")
                .run((context) -> {
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    DataKey first = storage.save(new Circle(1));
                    DataKey second = storage.save(new Circle(2));
                    storage.load(first, Circle.class);
                    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
                    storage.load(second, Circle.class);
                    await().atMost(Duration.ofSeconds(5))
                            .untilAsserted(() ->
                                    assertThat(storage.stats().cacheSize()).isEqualTo(1));
                });
    }

    @Test
    void appliesMaxNodeSizeToTheEngine() {
        contextRunner
                .withPropertyValues("pagable.store.type=memory", "pagable.store.max-node-size=8B")
                .run((context) -> assertThatExceptionOfType(DataLimitExceededException.class)
                        .isThrownBy(() -> context.getBean(PagableStorage.class)
                                .save(new Drawing("longer than eight bytes", List.of()))));
    }

    @Test
    void readsAheadTheArcsBelowALoadedValueUnlessReadAheadIsZero() {
        contextRunner
                .withUserConfiguration(CountingStoreConfiguration.class)
                .run((context) ->
                        assertThat(keysReadLoadingAnAlbumOfTwoDrawings(context)).isEqualTo(3));
        contextRunner
                .withUserConfiguration(CountingStoreConfiguration.class)
                .withPropertyValues("pagable.store.read-ahead=0")
                .run((context) ->
                        assertThat(keysReadLoadingAnAlbumOfTwoDrawings(context)).isEqualTo(1));
    }

    private static long keysReadLoadingAnAlbumOfTwoDrawings(AssertableApplicationContext context) {
        PagableStorage storage = context.getBean(PagableStorage.class);
        DataKey key = storage.save(new Album(List.of(
                storage.arc(new Drawing("one", List.of(new Circle(1)))),
                storage.arc(new Drawing("two", List.of(new Circle(2)))))));
        AtomicLong keysRead = context.getBean(CountingStoreConfiguration.class).keysRead;
        keysRead.set(0);
        assertThat(storage.load(key, Album.class).drawings()).hasSize(2);
        return keysRead.get();
    }

    private ApplicationContextRunner cacheRunner() {
        return contextRunner.withPropertyValues("pagable.store.type=memory");
    }

    private static void assertCacheSizeAfterLoading(AssertableApplicationContext context, long expected) {
        PagableStorage storage = context.getBean(PagableStorage.class);
        for (int i = 1; i <= 3; i++) {
            DataKey key = storage.save(new Circle(i));
            assertThat(storage.load(key, Circle.class)).isEqualTo(new Circle(i));
        }
        // Caffeine evicts on its executor, shortly after the writes.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(storage.stats().cacheSize()).isEqualTo(expected));
    }

    static void assertRoundTrip(AssertableApplicationContext context) {
        PagableStorage storage = context.getBean(PagableStorage.class);
        Drawing drawing = new Drawing("round trip", List.of(new Circle(1), new Circle(2)));
        DataKey key = storage.save(drawing);
        assertThat(context.getBean(ContentStore.class).contains(key)).isTrue();
        assertThat(storage.load(key, Drawing.class)).isEqualTo(drawing);
    }

    static boolean tableExists(AssertableApplicationContext context, String table) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = ?",
                Integer.class,
                table.toLowerCase(java.util.Locale.ROOT));
        return count != null && count > 0;
    }

    @Configuration(proxyBeanMethods = false)
    static class CountingStoreConfiguration {

        final AtomicLong keysRead = new AtomicLong();

        @Bean
        ContentStore countingContentStore() {
            return new ForwardingContentStore(new InMemoryContentStore()) {
                @Override
                public Optional<StoredNode> get(DataKey key) {
                    keysRead.incrementAndGet();
                    return super.get(key);
                }

                @Override
                public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
                    keysRead.addAndGet(keys.size());
                    return super.getAll(keys);
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CaffeineConfiguration {

        @Bean
        Caffeine<Object, Object> caffeine() {
            return Caffeine.newBuilder().maximumSize(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
