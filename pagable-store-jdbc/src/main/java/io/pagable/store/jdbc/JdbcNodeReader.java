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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads nodes from the node table. Every node it returns has been read through {@link JdbcRows#read}
 * and so checked against its key; a row that does not hold what was stored under its key is reported
 * as {@link CorruptDataException}, never returned. A read of many keys asks for each key once, takes
 * one connection for all its queries and hands it back before it returns; each query binds up to
 * {@code batchSize} keys, one parameter each, or where the dialect
 * {@linkplain JdbcDialect#readsKeyArray() reads a key array} up to
 * {@value JdbcContentStore#MAX_BATCH_SIZE} keys as one parameter.
 */
final class JdbcNodeReader {

    private static final String CONTAINS = "SELECT 1 FROM %TABLE_NAME% WHERE NODE_KEY = ?";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final int keysPerQuery;

    private final String selectSql;

    JdbcNodeReader(DataSource dataSource, JdbcNodeTable table, int batchSize) {
        this.dataSource = dataSource;
        this.table = table;
        this.keysPerQuery = table.dialect().readsKeyArray() ? JdbcContentStore.MAX_BATCH_SIZE : batchSize;
        this.selectSql = table.sql(table.dialect().select());
    }

    /**
     * Reads the nodes of the keys that have a row.
     *
     * @return the nodes found, by key, in the order of {@code keys}
     * @throws CorruptDataException naming the key of a row whose content does not match it
     * @throws StoreException if the database fails
     */
    Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        List<DataKey> unique = new ArrayList<>(new LinkedHashSet<>(keys));
        if (unique.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<DataKey, StoredNode> found = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < unique.size(); from += keysPerQuery) {
                List<DataKey> chunk = unique.subList(from, Math.min(unique.size(), from + keysPerQuery));
                try (PreparedStatement statement = selectStatement(connection, chunk)) {
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            StoredNode node = JdbcRows.read(rows);
                            found.put(node.key(), node);
                        }
                    }
                }
            }
        } catch (SQLException ex) {
            throw table.failure("read " + unique.size() + " nodes from", ex);
        }
        Map<DataKey, StoredNode> result = new LinkedHashMap<>();
        for (DataKey key : unique) {
            StoredNode node = found.get(key);
            if (node != null) {
                result.put(key, node);
            }
        }
        return result;
    }

    /** Prepares the read of one chunk of keys: one array parameter, or one parameter per key. */
    private PreparedStatement selectStatement(Connection connection, List<DataKey> keys) throws SQLException {
        boolean keyArray = table.dialect().readsKeyArray();
        String sql = keyArray
                ? selectSql
                : selectSql.replace("%KEYS%", String.join(", ", Collections.nCopies(keys.size(), "?")));
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            if (keyArray) {
                statement.setArray(
                        1, JdbcRows.keyArray(connection, table.dialect().keyArrayType(), keys));
            } else {
                for (int i = 0; i < keys.size(); i++) {
                    statement.setBytes(i + 1, keys.get(i).toBytes());
                }
            }
            return statement;
        } catch (SQLException | RuntimeException ex) {
            statement.close();
            throw ex;
        }
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
}
