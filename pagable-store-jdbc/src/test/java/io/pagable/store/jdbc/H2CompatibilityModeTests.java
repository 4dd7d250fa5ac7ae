package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.PagableRoot;
import io.pagable.store.DeletedNodes;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The H2 statements (the insert's {@code MERGE} and the read's joined {@code TABLE(...)} of keys, and
 * those of roots, leases, the collection lock, scans and deletes) in the compatibility modes
 * applications run H2 in, often to stand in for their production database in tests: H2 reports
 * itself as H2 in every mode, so the store uses its H2 statements there too.
 */
class H2CompatibilityModeTests {

    static List<String> modes() {
        return List.of(
                "PostgreSQL",
                "PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "MySQL",
                "MariaDB",
                "Oracle",
                "MSSQLServer",
                "DB2",
                "LEGACY",
                "STRICT");
    }

    @ParameterizedTest
    @MethodSource("modes")
    void storesAndReadsNodesInEveryCompatibilityMode(String mode) throws SQLException {
        String url = "jdbc:h2:mem:mode-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=" + mode;
        try (HikariDataSource h2 = Pools.pool(url, "sa", "")) {
            String tableName = StoreTables.uniqueTableName();
            StoreTables.create(h2, tableName);
            JdbcContentStore store = new JdbcContentStore(h2, tableName, 100);
            List<StoredNode> nodes = TestNodes.nodes(3, 1_200, 20);
            List<DataKey> asked = new ArrayList<>(TestNodes.keys(nodes));
            asked.add(DataKey.of(1, 2));

            store.putAll(nodes);
            store.putAll(nodes.subList(0, 150)); // already stored: skipped

            assertThat(store.getAll(asked)).hasSize(nodes.size()).containsValues(nodes.toArray(StoredNode[]::new));
            assertThat(store.get(nodes.get(7).key())).contains(nodes.get(7));
            assertThat(store.contains(DataKey.of(1, 2))).isFalse();
            assertThat(store.stats().entries()).isEqualTo(nodes.size());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void keepsRootsLeasesAndTheLockAndDeletesInEveryCompatibilityMode(String mode) throws Exception {
        String url = "jdbc:h2:mem:mode-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=" + mode;
        try (HikariDataSource h2 = Pools.pool(url, "sa", "")) {
            String tableName = StoreTables.uniqueTableName();
            StoreTables.create(h2, tableName);
            JdbcContentStore store = new JdbcContentStore(h2, tableName, 100);
            store.checkTable();
            List<StoredNode> nodes = TestNodes.nodes(5, 300, 20);
            store.putAll(nodes);

            assertThat(store.replaceRoot("b", null, nodes.get(0).key())).isTrue();
            assertThat(store.replaceRoot("a", null, nodes.get(1).key())).isTrue();
            assertThat(store.replaceRoot("a", null, nodes.get(2).key())).isFalse();
            assertThat(store.replaceRoot("a", nodes.get(1).key(), nodes.get(2).key()))
                    .isTrue();
            assertThat(store.roots(null, 10)).extracting(PagableRoot::name).containsExactly("a", "b");
            assertThat(store.retiredRoots(Instant.EPOCH))
                    .containsExactly(nodes.get(1).key());
            store.renewLease("one", Duration.ofMinutes(1), new byte[] {1});
            store.renewLease("one", Duration.ofMinutes(1), new byte[] {2});
            assertThat(store.leases())
                    .singleElement()
                    .satisfies((lease) -> assertThat(lease.liveKeys()).containsExactly(2));
            assertThat(store.tryLockCollection("one", Duration.ofMinutes(1))).isTrue();
            assertThat(store.tryLockCollection("two", Duration.ofMinutes(1))).isFalse();
            assertThat(store.scan(null, 1_000)).hasSize(300);
            assertThat(store.children(List.of(nodes.get(7).key())))
                    .containsKey(nodes.get(7).key());

            Thread.sleep(5);
            DeletedNodes deleted = store.deleteUntouched(TestNodes.keys(nodes.subList(0, 100)), store.now());
            assertThat(deleted).isEqualTo(new DeletedNodes(100, TestNodes.storedSize(nodes.subList(0, 100))));
            assertThat(store.stats().entries()).isEqualTo(200);
        }
    }
}
