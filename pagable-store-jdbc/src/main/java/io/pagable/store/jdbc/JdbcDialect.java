package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases {@link JdbcContentStore} supports: how an insert of a key
 * already present only raises its touched time, how a read finds many keys, how a statement reads
 * the database's clock and limits its rows, and which failures are worth retrying or mean a
 * duplicate key. Each insert leaves the data of an existing row as it is (the first bytes win), also
 * when another transaction inserts the same key at the same moment, and never lowers its touched
 * time.
 */
enum JdbcDialect {

    /**
     * H2: a standard {@code MERGE} that inserts, or raises the touched time of the row it finds. Two
     * transactions inserting one new key can still collide on the primary key; the loser retries and
     * then finds the row. H2 has no clock of the statement: {@code CURRENT_TIMESTAMP} is the start of
     * the transaction (of the command in the MySQL, MariaDB, Oracle, MSSQLServer and DB2 modes), and
     * every transaction of the store reads it in its first statement. The data columns
     * are cast to {@code BINARY VARYING}, the type of the shipped script; H2 converts them for a table
     * created with {@code BLOB} columns by an earlier version.
     *
     * <p>A read joins the table with its keys bound as one array ({@code TABLE(K BINARY(16) = ?)}):
     * with {@code NODE_KEY IN (?, ?, ...)} H2 finds each row through the index but then tests it
     * against every key of the list again, converting each parameter to {@code BINARY(16)} on every
     * test, which took 8.1-9.1 s for 300,000 keys in reads of 500 against 3.2-4.5 s joined (H2's own
     * advice for long {@code IN} lists).
     */
    H2(
            "H2",
            "h2",
            """
            SELECT %COLUMNS%
            FROM TABLE(K BINARY(16) = ?) T
            INNER JOIN %TABLE_NAME% N ON N.NODE_KEY = T.K""",
            "BINARY VARYING",
            """
            MERGE INTO %TABLE_NAME% T
            USING (VALUES (CAST(? AS BINARY(16)), CAST(? AS BINARY VARYING), CAST(? AS BINARY VARYING),
                CAST(? AS BIGINT), %NOW%))
                AS S (NODE_KEY, NODE_DATA, CHILD_KEYS, STORED_SIZE, TOUCHED_AT)
            ON T.NODE_KEY = S.NODE_KEY
            WHEN MATCHED AND T.TOUCHED_AT < S.TOUCHED_AT THEN UPDATE SET TOUCHED_AT = S.TOUCHED_AT
            WHEN NOT MATCHED THEN INSERT (NODE_KEY, NODE_DATA, CHILD_KEYS, STORED_SIZE, TOUCHED_AT)
                VALUES (S.NODE_KEY, S.NODE_DATA, S.CHILD_KEYS, S.STORED_SIZE, S.TOUCHED_AT)""",
            "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000) AS BIGINT)",
            "FETCH FIRST ? ROWS ONLY"),

    /**
     * PostgreSQL: {@code ON CONFLICT DO UPDATE} of the touched time only, which waits for a
     * concurrent insert or delete of the key and then updates the row it finds (or inserts, if the
     * row was deleted). A batch is one statement over four arrays (one element per row, in key
     * order), which takes half the time of a JDBC batch of single-row inserts and, unlike a multi-row
     * {@code VALUES}, has the same text for any batch size and no limit on parameters. Reads bind
     * their keys as one {@code bytea[]}. The clock is {@code CLOCK_TIMESTAMP()}, the moment the
     * statement reads it, not {@code NOW()}, the start of the transaction.
     */
    POSTGRESQL(
            "PostgreSQL",
            "postgresql",
            """
            SELECT %COLUMNS%
            FROM %TABLE_NAME% N
            WHERE N.NODE_KEY = ANY(?)""",
            "bytea",
            """
            INSERT INTO %TABLE_NAME% AS T (NODE_KEY, NODE_DATA, CHILD_KEYS, STORED_SIZE, TOUCHED_AT)
            SELECT U.*, %NOW%
            FROM UNNEST(CAST(? AS BYTEA[]), CAST(? AS BYTEA[]), CAST(? AS BYTEA[]), CAST(? AS BIGINT[])) AS U
            ON CONFLICT (NODE_KEY) DO UPDATE SET TOUCHED_AT = EXCLUDED.TOUCHED_AT
                WHERE T.TOUCHED_AT < EXCLUDED.TOUCHED_AT""",
            "CAST(FLOOR(EXTRACT(EPOCH FROM CLOCK_TIMESTAMP()) * 1000) AS BIGINT)",
            "LIMIT ?"),

    /**
     * MariaDB: {@code ON DUPLICATE KEY UPDATE} of the touched time only, rather than
     * {@code INSERT IGNORE}, which would also turn real errors (a value too long, a null) into
     * warnings and store something else than was asked. Reads bind one parameter per key. The clock
     * is {@code UTC_TIMESTAMP(6)}, the start of the statement, counted from the epoch without a time
     * zone's conversion (which {@code UNIX_TIMESTAMP(NOW(3))} would do, ambiguously in the hour a
     * daylight saving time ends).
     */
    MARIADB(
            "MariaDB",
            "mariadb",
            """
            SELECT %COLUMNS%
            FROM %TABLE_NAME% N
            WHERE N.NODE_KEY IN (%KEYS%)""",
            null,
            """
            INSERT INTO %TABLE_NAME% (NODE_KEY, NODE_DATA, CHILD_KEYS, STORED_SIZE, TOUCHED_AT)
            VALUES (?, ?, ?, ?, %NOW%)
            ON DUPLICATE KEY UPDATE TOUCHED_AT = GREATEST(TOUCHED_AT, VALUES(TOUCHED_AT))""",
            "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000)",
            "LIMIT ?");

    private final String productName;

    private final String platform;

    private final String select;

    private final @Nullable String keyArrayType;

    private final String insert;

    private final String now;

    private final String limit;

    JdbcDialect(
            String productName,
            String platform,
            String select,
            @Nullable String keyArrayType,
            String insert,
            String now,
            String limit) {
        this.productName = productName;
        this.platform = platform;
        this.select = select;
        this.keyArrayType = keyArrayType;
        this.insert = insert;
        this.now = now;
        this.limit = limit;
    }

    /**
     * Returns the dialect of the database a data source connects to, from one connection's metadata;
     * the connection is returned before this returns.
     *
     * @throws StoreException if no connection can be made
     * @throws IllegalArgumentException naming the database and the supported ones if none fits
     */
    static JdbcDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection.getMetaData());
        } catch (SQLException ex) {
            throw new StoreException(
                    "JdbcContentStore could not connect to its DataSource to detect the database "
                            + "type: " + ex.getMessage() + ". Check the database URL, the credentials and that the "
                            + "database is up.",
                    ex);
        }
    }

    /**
     * Returns the dialect of a database.
     *
     * @throws IllegalArgumentException naming the database and the supported ones if none fits
     */
    static JdbcDialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String version = metaData.getDatabaseProductVersion();
        String both = (product + " " + version).toLowerCase(Locale.ROOT);
        if ("H2".equalsIgnoreCase(product)) {
            return H2;
        }
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return POSTGRESQL;
        }
        if (both.contains("mariadb")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("The DataSource connects to " + product + " " + version
                + ", which JdbcContentStore does not support. Supported databases: "
                + Arrays.stream(values()).map((dialect) -> dialect.productName).collect(Collectors.joining(", "))
                + ". Use one of them, or implement ContentStore for this database.");
    }

    /**
     * Returns the statement that makes committed rows durable, or null where a commit already is.
     * Embedded H2 writes commits to its file up to {@code WRITE_DELAY} (500 ms) later, so a crash
     * right after a commit could lose it; {@code CHECKPOINT SYNC} writes and syncs them now.
     */
    String flushStatement() {
        return (this == H2) ? "CHECKPOINT SYNC" : null;
    }

    /**
     * Tells whether an insert binds one array per column ({@link JdbcRows#bindArrays}) instead of
     * running a JDBC batch. An array keeps the statement's text the same for any number of rows, so
     * the server plans it once per connection, and has no limit on the number of parameters.
     */
    boolean bindsArrays() {
        return this == POSTGRESQL;
    }

    /**
     * Returns the read of many keys, with the {@code %TABLE_NAME%} placeholder and the columns to
     * read, of the node table as {@code N}, in place of {@code %COLUMNS%}: one array parameter of
     * keys where {@link #readsKeyArray()}, else one parameter per key in place of {@code %KEYS%}.
     */
    String select() {
        return select;
    }

    /** Tells whether a read binds its keys as one array, whatever their number. */
    boolean readsKeyArray() {
        return keyArrayType != null;
    }

    /** Returns the element type of the key array a read binds, where {@link #readsKeyArray()}. */
    String keyArrayType() {
        if (keyArrayType == null) {
            throw new IllegalStateException(productName + " reads keys as one parameter each");
        }
        return keyArrayType;
    }

    /**
     * Returns the insert that only touches existing keys, with the {@code %TABLE_NAME%} and
     * {@code %NOW%} placeholders: one row of parameters per node, or, where {@link #bindsArrays()},
     * one array parameter per column.
     */
    String insert() {
        return insert;
    }

    /**
     * Returns the expression of the database's clock in epoch milliseconds ({@code BIGINT}), which
     * the store's statements put in place of {@code %NOW%}: the same clock for every instance on the
     * database, whatever the clocks of their machines say.
     */
    String now() {
        return now;
    }

    /** Returns the clause that ends a query after as many rows as its last parameter says. */
    String limit() {
        return limit;
    }

    /**
     * Returns an insert that adds nothing when the key is present; its update count then says 0.
     * On PostgreSQL that is {@code ON CONFLICT DO NOTHING}, which leaves the transaction usable; the
     * other databases fail the statement alone, which {@link #isDuplicateKey} recognises.
     */
    String insertIfAbsent(String insert) {
        return (this == POSTGRESQL) ? insert + " ON CONFLICT DO NOTHING" : insert;
    }

    /** Tells whether a statement failed because a row with its key exists. */
    boolean isDuplicateKey(SQLException ex) {
        return "23505".equals(ex.getSQLState()) || (this == MARIADB && ex.getErrorCode() == 1062);
    }

    /** Returns the platform name used in the names of the schema scripts, e.g. {@code postgresql}. */
    String platform() {
        return platform;
    }

    /**
     * Tells whether a failed write is worth retrying as it is: deadlocks, serialization failures and
     * lock timeouts between concurrent writers, and on H2 a key inserted, or a row changed, by a
     * concurrent transaction.
     */
    boolean isTransient(SQLException ex) {
        List<Throwable> seen = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>(List.of(ex));
        while (!pending.isEmpty() && seen.size() < 20) {
            Throwable current = pending.pop();
            if (seen.contains(current)) {
                continue;
            }
            seen.add(current);
            if (current instanceof SQLException sql) {
                if (isTransientState(sql)) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    pending.push(sql.getNextException());
                }
            }
            if (current.getCause() != null) {
                pending.push(current.getCause());
            }
        }
        return false;
    }

    private boolean isTransientState(SQLException ex) {
        String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
        return ex instanceof SQLTransientException
                || state.startsWith("40")
                || (this == H2 && (state.equals("23505") || state.equals("HYT00") || state.equals("90131")))
                || (this == MARIADB && (ex.getErrorCode() == 1213 || ex.getErrorCode() == 1205));
    }

    @Override
    public String toString() {
        return productName;
    }
}
