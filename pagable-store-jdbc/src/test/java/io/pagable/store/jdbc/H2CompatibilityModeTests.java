package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The H2 statements (the insert's {@code MERGE} and the read's joined {@code TABLE(...)} of keys) in
 * the compatibility modes applications run H2 in, often to stand in for their production database in
 * tests: H2 reports itself as H2 in every mode, so the store uses its H2 statements there too.
 */
class H2CompatibilityModeTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PostgreSQL",
                "PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "MySQL",
                "MariaDB",
                "Oracle",
                "MSSQLServer",
                "DB2",
                "LEGACY",
                "STRICT"
            })
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
}
