package io.pagable.store.jdbc;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Reads nodes, or only their child keys, from the node table. Every node it returns has been read
 * through {@link JdbcRows#read} and so checked against its key; a row that does not hold what was
 * stored under its key is reported as {@link CorruptDataException}, never returned (child keys alone
 * are checked for their length). A read of many keys asks for each key once, takes one connection
 * for all its queries and hands it back before it returns; each query binds up to {@code batchSize}
 * keys, one parameter each, or where the dialect {@linkplain JdbcDialect#readsKeyArray() reads a key
 * array} up to {@value JdbcContentStore#MAX_BATCH_SIZE} keys as one parameter ({@link JdbcKeys}).
 */
final class JdbcNodeReader {

    private static final String CONTAINS = "SELECT 1 FROM %TABLE_NAME% WHERE NODE_KEY = ?";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final int keysPerQuery;

    private final String selectSql;

    private final String childrenSql;

    JdbcNodeReader(DataSource dataSource, JdbcNodeTable table, int batchSize) {
        this.dataSource = dataSource;
        this.table = table;
        this.keysPerQuery = table.dialect().readsKeyArray() ? JdbcContentStore.MAX_BATCH_SIZE : batchSize;
        String select = table.sql(table.dialect().select());
        this.selectSql = select.replace("%COLUMNS%", "N.NODE_KEY, N.NODE_DATA, N.CHILD_KEYS, N.STORED_SIZE");
        this.childrenSql = select.replace("%COLUMNS%", "N.NODE_KEY, N.CHILD_KEYS");
    }

    /**
     * Reads the nodes of the keys that have a row.
     *
     * @return the nodes found, by key, in the order of {@code keys}
     * @throws CorruptDataException naming the key of a row whose content does not match it
     * @throws StoreException if the database fails
     */
    Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        return read(keys, selectSql, JdbcRows::read, StoredNode::key, "read %d nodes from");
    }

    /**
     * Reads the child keys of the nodes that have a row, without their bytes.
     *
     * @return each node's children, in order, by key, in the order of {@code keys}
     * @throws CorruptDataException naming the key of a row whose child keys are not whole keys
     * @throws StoreException if the database fails
     */
    Map<DataKey, List<DataKey>> children(Collection<DataKey> keys) {
        Map<DataKey, Map.Entry<DataKey, List<DataKey>>> rows = read(
                keys, childrenSql, JdbcRows::readChildren, Map.Entry::getKey, "read the child keys of %d nodes from");
        Map<DataKey, List<DataKey>> children = new LinkedHashMap<>();
        rows.forEach((key, row) -> children.put(key, row.getValue()));
        return children;
    }

    /**
     * Reads the rows of the keys chunk by chunk on one connection, in the order of the keys.
     *
     * @param operation the failure's operation, with {@code %d} for the number of keys
     */
    private <T> Map<DataKey, T> read(
            Collection<DataKey> keys, String sql, RowReader<T> reader, Function<T, DataKey> keyOf, String operation) {
        List<DataKey> unique = new ArrayList<>(new LinkedHashSet<>(keys));
        if (unique.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<DataKey, T> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < unique.size(); from += keysPerQuery) {
                List<DataKey> chunk = unique.subList(from, Math.min(unique.size(), from + keysPerQuery));
                try (PreparedStatement statement = JdbcKeys.prepare(connection, table.dialect(), sql, chunk);
                        ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        T row = reader.read(rows);
                        found.put(keyOf.apply(row), row);
                    }
                }
            }
        } catch (SQLException ex) {
            throw table.failure(String.format(operation, unique.size()), ex);
        }
        Map<DataKey, T> result = new LinkedHashMap<>();
        for (DataKey key : unique) {
            T row = found.get(key);
            if (row != null) {
                result.put(key, row);
            }
        }
        return result;
    }

    /**
     * Tells whether the table has a row for the key, without reading or checking it.
     *
     * @throws StoreException if the database fails
     */
    boolean contains(DataKey key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(table.sql(CONTAINS))) {
            statement.setBytes(1, key.toBytes());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException ex) {
            throw table.failure("look up key " + key + " in", ex);
        }
    }

    /** Reads the row at a result set's cursor. */
    @FunctionalInterface
    private interface RowReader<T> {

        T read(ResultSet row) throws SQLException;
    }
}
