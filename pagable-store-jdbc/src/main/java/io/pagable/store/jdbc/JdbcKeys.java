package io.pagable.store.jdbc;

import io.pagable.DataKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Binds a list of keys to a statement the way its database reads them best: as one array parameter
 * where the dialect {@linkplain JdbcDialect#readsKeyArray() reads a key array}, else as one parameter
 * per key in place of the statement's {@code %KEYS%}. The keys come first; a statement's other
 * parameters follow them, from {@link #nextParameter}.
 */
final class JdbcKeys {

    private JdbcKeys() {}

    /**
     * Prepares a statement and binds the keys as its first parameters; the statement is closed if
     * binding fails.
     *
     * @param sql the statement, with {@code %KEYS%} where a dialect binds one parameter per key
     */
    static PreparedStatement prepare(Connection connection, JdbcDialect dialect, String sql, List<DataKey> keys)
            throws SQLException {
        boolean keyArray = dialect.readsKeyArray();
        String expanded =
                keyArray ? sql : sql.replace("%KEYS%", String.join(", ", Collections.nCopies(keys.size(), "?")));
        PreparedStatement statement = connection.prepareStatement(expanded);
        try {
            if (keyArray) {
                statement.setArray(1, JdbcRows.keyArray(connection, dialect.keyArrayType(), keys));
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

    /** Returns the index of the parameter after the keys of a statement {@link #prepare} bound. */
    static int nextParameter(JdbcDialect dialect, int keys) {
        return dialect.readsKeyArray() ? 2 : keys + 1;
    }
}
