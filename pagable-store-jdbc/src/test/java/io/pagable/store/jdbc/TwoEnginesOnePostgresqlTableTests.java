package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.jdbc.GraphModel.Assembly;
import io.pagable.store.jdbc.GraphModel.Circle;
import io.pagable.store.jdbc.GraphModel.Square;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two application instances sharing one PostgreSQL table: two engines, each with its own cache, its
 * own connection pool and its own {@link JdbcContentStore}.
 */
class TwoEnginesOnePostgresqlTableTests {

    private static TestDatabase database;

    private String tableName;

    private HikariDataSource poolA;

    private HikariDataSource poolB;

    private PagableStorage engineA;

    private PagableStorage engineB;

    @BeforeAll
    static void findDatabase() {
        database = TestDatabases.postgresql();
    }

    @BeforeEach
    void startEngines() throws Exception {
        tableName = StoreTables.uniqueTableName();
        poolA = Pools.pool(database);
        poolB = Pools.pool(database);
        StoreTables.create(poolA, tableName);
        engineA = engine(new JdbcContentStore(poolA, tableName));
        engineB = engine(new JdbcContentStore(poolB, tableName));
    }

    @AfterEach
    void stopEngines() throws Exception {
        try {
            engineA.close();
            engineB.close();
            StoreTables.drop(poolA, tableName);
        } finally {
            poolA.close();
            poolB.close();
        }
    }

    @Test
    void graphSavedByOneEngineLoadsEqualInTheOther() {
        Assembly assembly = GraphModel.assemblies(1).get(0);
        DataKey key = engineA.save(assembly);
        assertThat(engineB.load(key, Assembly.class)).isEqualTo(assembly);
    }

    @Test
    void overlappingSavesFromBothEnginesNeverFailAndStoreEachNodeOnce() throws Exception {
        List<Assembly> assemblies = GraphModel.assemblies(40);
        Map<String, DataKey> keys = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> savers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                PagableStorage engine = (thread % 2 == 0) ? engineA : engineB;
                int first = thread * 5;
                savers.add(executor.submit(() -> {
                    start.await();
                    for (int i = first; i < first + 20; i++) {
                        Assembly assembly = assemblies.get(i % assemblies.size());
                        DataKey key = engine.save(assembly);
                        DataKey earlier = keys.putIfAbsent(assembly.name(), key);
                        assertThat(earlier).isIn(null, key);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> saver : savers) {
                saver.get(2, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(keys).hasSize(assemblies.size());
        for (Assembly assembly : assemblies) {
            assertThat(engineA.load(keys.get(assembly.name()), Assembly.class)).isEqualTo(assembly);
            assertThat(engineB.load(keys.get(assembly.name()), Assembly.class)).isEqualTo(assembly);
        }
        try (JdbcContentStore table = new JdbcContentStore(poolA, tableName)) {
            assertThat(table.stats().entries()).isEqualTo(distinctNodes(assemblies));
        }
    }

    /** Counts the nodes the assemblies make, by saving them once into a store of their own. */
    private static long distinctNodes(List<Assembly> assemblies) {
        ContentStore reference = new InMemoryContentStore();
        try (PagableStorage engine = engine(reference)) {
            assemblies.forEach(engine::save);
            return reference.stats().entries();
        }
    }

    private static PagableStorage engine(ContentStore store) {
        return PagableStorage.builder()
                .contentStore(store)
                .registerTypes(Circle.class, Square.class)
                .build();
    }
}
