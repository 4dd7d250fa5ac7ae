package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.StoreException;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.Values;
import io.pagable.store.tck.Values.Doc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away in the middle of a run: a {@link TcpProxy} in front of the real database is
 * stopped (open connections break, new ones are refused) and started again. While it is away,
 * drains and page-ins fail with a {@link StoreException}, every arc keeps its value and stays
 * pending; when it is back, everything pending is written and reads back right.
 */
class PostgresqlOutageTests {

    private static final int ITEMS = 4;

    private static final int ITEM_LENGTH = 300;

    private static TestDatabase database;

    private TcpProxy proxy;

    private String tableName;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void findDatabase() {
        database = TestDatabases.postgresql();
    }

    @BeforeEach
    void createTable() throws SQLException {
        tableName = StoreTables.uniqueTableName();
        StoreTables.create(database.dataSource(), tableName);
        proxy = TcpProxy.toJdbcUrl(database.jdbcUrl(), 5432);
    }

    @AfterEach
    void dropTable() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        proxy.close();
        StoreTables.drop(database.dataSource(), tableName);
    }

    @Test
    void pooledConnectionsRefusedMidRunLoseNothingAndEverythingPendingIsWrittenWhenTheDatabaseIsBack() {
        HikariDataSource pool = pool();
        ContentStore pooledStore = new JdbcContentStore(pool, tableName);
        PagableStorage storage = engine(pooledStore);
        List<PagableArc<Doc>> docs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            docs.add(Values.doc(storage, i, ITEMS, ITEM_LENGTH));
        }
        storage.pageOutPending();
        DataKey firstKey = docs.get(0).key().orElseThrow();
        for (int i = 40; i < 80; i++) {
            docs.add(Values.doc(storage, i, ITEMS, ITEM_LENGTH));
        }
        long pending = storage.pendingCount();
        assertThat(pending).isEqualTo(40L * (ITEMS + 1));
        PagableStorage sameStore = engine(new ForwardingContentStore(pooledStore) {
            @Override
            public void close() {} // the first engine closes it
        }); // built while the database is there: a new engine renews its lease at once

        proxy.stop();

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(storage::pageOutPending)
                .withMessageContaining("could not insert")
                .withMessageContaining("Check that the database is reachable")
                .withMessageContaining("stay resident and queued");
        assertThat(storage.pendingCount()).isEqualTo(pending);
        assertThat(storage.stats().lastError()).contains("could not insert");
        assertValuesIntact(docs);
        PagableStorage restarted = engine(new JdbcContentStore(database.dataSource(), tableName));
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> sameStore.load(firstKey, Doc.class))
                .withMessageContaining("could not read");

        proxy.start();

        drainUntilEmpty(storage);
        assertThat(storage.pendingCount()).isZero();
        for (PagableArc<Doc> arc : docs) {
            Doc doc = restarted.load(arc.key().orElseThrow(), Doc.class);
            assertThat(doc.id()).isEqualTo(arc.get().id());
            doc.checked(ITEMS, ITEM_LENGTH);
        }
        assertThat(sameStore.load(firstKey, Doc.class).id()).isZero();
    }

    @Test
    void connectionRefusedInTheMiddleOfADrainLeavesNoPartialArcAndNoDuplicateRow() {
        JdbcContentStore jdbc = new JdbcContentStore(unpooled(), tableName, 25);
        AtomicInteger writes = new AtomicInteger();
        ContentStore breaksAfterTwoWrites = new ForwardingContentStore(jdbc) {
            @Override
            public void putAll(List<StoredNode> nodes) {
                super.putAll(nodes);
                if (writes.incrementAndGet() == 2) {
                    proxy.stop();
                }
            }
        };
        PagableStorage storage = PagableStorage.builder()
                .contentStore(breaksAfterTwoWrites)
                .writeBatchSize(25)
                .cacheMaximumSize(0)
                .build();
        closeables.add(storage);
        List<PagableArc<Doc>> docs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            docs.add(Values.doc(storage, i, ITEMS, ITEM_LENGTH));
        }

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(storage::pageOutPending)
                .withMessageContaining("refused");

        StoreStats partial = new JdbcContentStore(database.dataSource(), tableName).stats();
        assertThat(partial.entries()).isEqualTo(50);
        assertThat(docs).allSatisfy((arc) -> assertThat(arc.key()).isEmpty());
        assertValuesIntact(docs);

        proxy.start();
        storage.pageOutPending();

        assertThat(storage.pendingCount()).isZero();
        assertThat(new JdbcContentStore(database.dataSource(), tableName).stats())
                .isEqualTo(storedWithoutFaults(60));
        PagableStorage restarted = engine(new JdbcContentStore(database.dataSource(), tableName));
        for (PagableArc<Doc> arc : docs) {
            restarted.load(arc.key().orElseThrow(), Doc.class).checked(ITEMS, ITEM_LENGTH);
        }
    }

    private static void assertValuesIntact(List<PagableArc<Doc>> docs) {
        for (PagableArc<Doc> arc : docs) {
            if (arc.key().isEmpty()) {
                assertThat(arc.isPagedOut()).isFalse();
                arc.get().checked(ITEMS, ITEM_LENGTH);
            }
        }
    }

    /** Drains as the Spring drainer would: again after a failure (a pooled connection may still be broken). */
    private static void drainUntilEmpty(PagableStorage storage) {
        for (int attempt = 1; storage.pendingCount() > 0; attempt++) {
            try {
                storage.pageOutPending();
            } catch (StoreException ex) {
                assertThat(attempt)
                        .as("drains failed after the database came back: %s", ex)
                        .isLessThan(5);
            }
        }
    }

    private PagableStorage engine(ContentStore store) {
        PagableStorage storage =
                PagableStorage.builder().contentStore(store).cacheMaximumSize(0).build();
        closeables.add(storage);
        return storage;
    }

    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(proxy.rewrite(database.jdbcUrl()));
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(500);
        config.setValidationTimeout(250);
        config.setPoolName("pagable-outage");
        HikariDataSource pool = new HikariDataSource(config);
        closeables.add(pool);
        return pool;
    }

    private DataSource unpooled() {
        return new TestDatabase(
                        database.name(), proxy.rewrite(database.jdbcUrl()), database.username(), database.password())
                .dataSource();
    }

    private static StoreStats storedWithoutFaults(int count) {
        InMemoryContentStore clean = new InMemoryContentStore();
        PagableStorage storage = PagableStorage.builder().contentStore(clean).build();
        for (int i = 0; i < count; i++) {
            Values.doc(storage, i, ITEMS, ITEM_LENGTH);
        }
        storage.pageOutPending();
        return clean.stats();
    }
}
