package io.pagable.store.jdbc;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.tck.AbstractPersistentContentStoreContractTests;
import io.pagable.store.tck.Corruption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Runs the contract against {@link JdbcContentStore} on one database: each test gets its own table,
 * created from the shipped schema script and dropped afterwards ({@link JdbcStoreFixture}).
 */
abstract class AbstractJdbcContentStoreContractTests extends AbstractPersistentContentStoreContractTests {

    private final JdbcStoreFixture fixture = new JdbcStoreFixture(this::database);

    /** Returns the database the current test uses. */
    protected abstract StoreDatabase database();

    @Override
    protected ContentStore createStore() throws Exception {
        return fixture.create();
    }

    @Override
    protected ContentStore reopenStore() throws Exception {
        return fixture.reopen();
    }

    @Override
    protected void corrupt(DataKey key, Corruption corruption) throws SQLException {
        String tableName = fixture.tableName();
        try (Connection connection = database().dataSource().getConnection()) {
            byte[] data;
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT NODE_DATA FROM " + tableName + " WHERE NODE_KEY = ?")) {
                select.setBytes(1, key.toBytes());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    data = row.getBytes(1);
                }
            }
            byte[] damaged = switch (corruption) {
                case FLIP_BYTE -> flipped(data);
                case CUT_SHORT -> Arrays.copyOf(data, data.length / 2);
            };
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE " + tableName + " SET NODE_DATA = ? WHERE NODE_KEY = ?")) {
                update.setBytes(1, damaged);
                update.setBytes(2, key.toBytes());
                update.executeUpdate();
            }
        }
    }

    @Override
    protected void destroyStore() throws Exception {
        fixture.destroy();
    }

    private static byte[] flipped(byte[] data) {
        byte[] copy = data.clone();
        copy[copy.length / 2] ^= 0x5A;
        return copy;
    }
}
