package io.pagable.store.jdbc;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Converts between {@link StoredNode}s and rows of the JDBC store's table: binds the four inserted
 * columns (as values of one row, or as arrays of a whole batch; the touched time is the database's
 * clock, in the statement), and reads a row back (data columns as streams) into a node it has checked
 * against its key, or into its key and child keys alone.
 */
final class JdbcRows {

    private JdbcRows() {}

    static void bind(PreparedStatement statement, StoredNode node) throws SQLException {
        statement.setBytes(1, node.key().toBytes());
        statement.setBytes(2, node.data());
        statement.setBytes(3, childKeyBytes(node.children()));
        statement.setLong(4, node.storedSize());
    }

    /**
     * Binds a whole batch as four arrays, one per inserted column, each in the order of the batch.
     */
    static void bindArrays(Connection connection, PreparedStatement statement, Collection<StoredNode> nodes)
            throws SQLException {
        byte[][] keys = new byte[nodes.size()][];
        byte[][] data = new byte[nodes.size()][];
        byte[][] childKeys = new byte[nodes.size()][];
        Long[] storedSizes = new Long[nodes.size()];
        int i = 0;
        for (StoredNode node : nodes) {
            keys[i] = node.key().toBytes();
            data[i] = node.data();
            childKeys[i] = childKeyBytes(node.children());
            storedSizes[i] = node.storedSize();
            i++;
        }
        statement.setArray(1, connection.createArrayOf("bytea", keys));
        statement.setArray(2, connection.createArrayOf("bytea", data));
        statement.setArray(3, connection.createArrayOf("bytea", childKeys));
        statement.setArray(4, connection.createArrayOf("bigint", storedSizes));
    }

    /** Returns the keys as one SQL array, of the database's name for binary strings. */
    static Array keyArray(Connection connection, String elementType, List<DataKey> keys) throws SQLException {
        byte[][] keyBytes = new byte[keys.size()][];
        for (int i = 0; i < keyBytes.length; i++) {
            keyBytes[i] = keys.get(i).toBytes();
        }
        return connection.createArrayOf(elementType, keyBytes);
    }

    /**
     * Reads the row at the result set's cursor: {@code NODE_KEY, NODE_DATA, CHILD_KEYS, STORED_SIZE}.
     *
     * @throws CorruptDataException naming the key if the row does not hold what was stored under it
     */
    static StoredNode read(ResultSet row) throws SQLException {
        DataKey key = key(row, 1);
        byte[] data = readStream(row, 2, key, "NODE_DATA");
        byte[] childKeys = wholeKeys(readStream(row, 3, key, "CHILD_KEYS"), key);
        long storedSize = row.getLong(4);
        if (storedSize != (long) data.length + childKeys.length) {
            throw new CorruptDataException(
                    key,
                    "the row holds " + data.length + " data and " + childKeys.length + " child key bytes, but "
                            + storedSize + " bytes were stored");
        }
        return new StoredNode(key, data, childKeys(childKeys)).verify();
    }

    /**
     * Reads the row at the result set's cursor: {@code NODE_KEY, CHILD_KEYS}.
     *
     * @throws CorruptDataException naming the key if the child keys are not whole keys
     */
    static Map.Entry<DataKey, List<DataKey>> readChildren(ResultSet row) throws SQLException {
        DataKey key = key(row, 1);
        return Map.entry(key, childKeys(wholeKeys(readStream(row, 2, key, "CHILD_KEYS"), key)));
    }

    /**
     * Reads a 16-byte key column.
     *
     * @throws CorruptDataException if it is null or of another length
     */
    static DataKey key(ResultSet row, int column) throws SQLException {
        byte[] keyBytes = row.getBytes(column);
        if (keyBytes == null || keyBytes.length != DataKey.LENGTH) {
            throw new CorruptDataException(
                    null, "a row's NODE_KEY has " + ((keyBytes == null) ? "no value" : keyBytes.length + " bytes"));
        }
        return DataKey.fromBytes(keyBytes);
    }

    private static byte[] wholeKeys(byte[] childKeys, DataKey key) {
        if (childKeys.length % DataKey.LENGTH != 0) {
            throw new CorruptDataException(
                    key, "CHILD_KEYS holds " + childKeys.length + " bytes, not a whole number of 16-byte keys");
        }
        return childKeys;
    }

    private static byte[] readStream(ResultSet row, int column, DataKey key, String name) throws SQLException {
        try (InputStream stream = row.getBinaryStream(column)) {
            if (stream == null) {
                throw new CorruptDataException(key, name + " is NULL");
            }
            return stream.readAllBytes();
        } catch (IOException ex) {
            throw new SQLException("Reading " + name + " of key " + key + " failed: " + ex.getMessage(), ex);
        }
    }

    private static byte[] childKeyBytes(List<DataKey> children) {
        ByteBuffer buffer = ByteBuffer.allocate(children.size() * DataKey.LENGTH);
        for (DataKey child : children) {
            buffer.putLong(child.high()).putLong(child.low());
        }
        return buffer.array();
    }

    private static List<DataKey> childKeys(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        List<DataKey> keys = new ArrayList<>(bytes.length / DataKey.LENGTH);
        while (buffer.hasRemaining()) {
            keys.add(DataKey.of(buffer.getLong(), buffer.getLong()));
        }
        return keys;
    }
}
