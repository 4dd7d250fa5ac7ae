package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.PagableRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Root names on each database: compared as bytes, so case matters and sorts upper before lower as
 * {@link String#compareTo} does (MariaDB's default collation would find {@code a} where {@code A}
 * was asked), and {@code _} and {@code %} are plain characters, never the wildcards of {@code LIKE}.
 */
class JdbcRootNamesTests {

    private static final List<String> NAMES =
            List.of("a", "A", "ab", "aB", "Ab", "a_b", "a-b", "aXb", "a.b", "a/b", "a:b", "a0b", "_", "__", "Z", "z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagable.store.jdbc.Pools#databases")
    void namesDifferingInCaseOrInLikeWildcardsAreDistinctAndListInStringOrder(
            String name, Supplier<HikariDataSource> database) throws Exception {
        String tableName = StoreTables.uniqueTableName();
        try (HikariDataSource dataSource = database.get()) {
            StoreTables.create(dataSource, tableName);
            try {
                JdbcContentStore store = new JdbcContentStore(dataSource, tableName);
                for (int i = 0; i < NAMES.size(); i++) {
                    assertThat(store.replaceRoot(NAMES.get(i), null, DataKey.of(7, i)))
                            .as(NAMES.get(i))
                            .isTrue();
                }

                List<String> sorted = new ArrayList<>(NAMES);
                sorted.sort(null);
                assertThat(store.roots(null, 100)).extracting(PagableRoot::name).isEqualTo(sorted);
                assertThat(store.root("A").orElseThrow().key()).isEqualTo(DataKey.of(7, 1));
                assertThat(store.root("aB").orElseThrow().key()).isEqualTo(DataKey.of(7, 3));
                assertThat(store.root("a_c")).as("_ matches no other character").isEmpty();
                assertThat(store.root("a%")).as("% matches nothing").isEmpty();
                assertThat(store.roots("a%", 3))
                        .as("after a name with %: the names above it in String order")
                        .extracting(PagableRoot::name)
                        .containsExactly("a-b", "a.b", "a/b");
                assertThat(store.roots("a_", 2)).extracting(PagableRoot::name).containsExactly("a_b", "ab");
                assertThat(store.replaceRoot("a", DataKey.of(7, 1), DataKey.of(8, 0)))
                        .as("the key of A is not the key of a")
                        .isFalse();
                assertThat(store.replaceRoot("a", DataKey.of(7, 0), null)).isTrue();
                assertThat(store.root("A")).isPresent();
            } finally {
                StoreTables.drop(dataSource, tableName);
            }
        }
    }
}
