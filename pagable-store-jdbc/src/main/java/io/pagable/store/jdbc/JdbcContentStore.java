package io.pagable.store.jdbc;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A content store in one database table, over plain JDBC: H2, PostgreSQL and MariaDB. Because
 * writes are idempotent, any number of stores, engines and application instances can share one
 * table; the database keeps each node once.
 *
 * <h2>The table</h2>
 * One row per node: {@code NODE_KEY} (the 16-byte key, primary key), {@code NODE_DATA} (the bytes:
 * {@code BINARY VARYING} on H2, {@code BYTEA} on PostgreSQL, {@code LONGBLOB} on MariaDB; H2 tables
 * made with {@code BLOB} columns by earlier versions work too), {@code CHILD_KEYS} (the child keys, 16 bytes each, concatenated),
 * {@code STORED_SIZE} (data plus child key bytes) and {@code CREATED_AT}. The store creates it only
 * when asked ({@link #createTableIfMissing()}), and {@link #checkTable()} tells at startup whether it
 * is there. The scripts ship in this jar, one per database, ready for Flyway or Liquibase as they are:
 * <pre>
 *   io/pagable/store/jdbc/schema-h2.sql            io/pagable/store/jdbc/schema-drop-h2.sql
 *   io/pagable/store/jdbc/schema-postgresql.sql    io/pagable/store/jdbc/schema-drop-postgresql.sql
 *   io/pagable/store/jdbc/schema-mariadb.sql       io/pagable/store/jdbc/schema-drop-mariadb.sql
 * </pre>
 * They create {@value #DEFAULT_TABLE_NAME}; for another table name, replace it in your copy, or let
 * {@link #createTableIfMissing()} run the script under the store's table name. (In Spring Boot, the
 * starter applies them under {@code pagable.store.jdbc.initialize-schema} and checks the table at
 * startup.)
 *
 * <h2>Behaviour</h2>
 * The database type is read from the connection's metadata when the store is created. Inserts run in
 * batches of {@code batchSize} rows, one transaction per batch, in the database's own
 * insert-unless-present form, with rows sorted by key so that concurrent writers lock in one order;
 * deadlocks and similar transient failures are retried. A connection is taken from the
 * {@link DataSource} for each call and returned before it ends; the store never closes the data
 * source. {@link #getAll} reads up to {@code batchSize} keys per query; on PostgreSQL and H2, where
 * the keys are bound as one array, up to {@value #MAX_BATCH_SIZE}. Data columns are read as
 * streams, and every node read is checked against its key (and its stored size), so a damaged row
 * is reported as {@link io.pagable.CorruptDataException} naming the key instead of returned.
 * {@link #flush()} makes committed nodes durable on H2 too (see there).
 */
public final class JdbcContentStore implements ContentStore {

    /** The table name used when none is given, and the one the schema scripts create. */
    public static final String DEFAULT_TABLE_NAME = "PAGABLE_NODES";

    /** The batch size used when none is given: rows per insert batch (and keys per read on MariaDB). */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /**
     * The largest batch size accepted (MariaDB binds one parameter per key read; PostgreSQL allows at
     * most 32767 parameters per query), and the number of keys per read on PostgreSQL and H2.
     */
    public static final int MAX_BATCH_SIZE = 10_000;

    /** How long a {@link #stats()} answer is reused: 5 seconds. */
    private static final long STATS_MAX_AGE_NANOS = 5_000_000_000L;

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final JdbcNodeReader reader;

    private final JdbcNodeWriter writer;

    private final JdbcNodeStats stats;

    private final JdbcCheckpoint checkpoint;

    private volatile boolean closed;

    /**
     * Creates a store on the table {@value #DEFAULT_TABLE_NAME}.
     *
     * @param dataSource where connections come from
     * @throws StoreException if no connection can be made to detect the database type
     * @throws IllegalArgumentException if the database is not one of H2, PostgreSQL and MariaDB
     */
    public JdbcContentStore(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE_NAME);
    }

    /**
     * Creates a store on a table, with batches of {@value #DEFAULT_BATCH_SIZE}.
     *
     * @param dataSource where connections come from
     * @param tableName the table, optionally prefixed by its schema ({@code schema.table}); letters,
     *     digits and underscores only, as it is written into SQL
     * @throws IllegalArgumentException if the table name is not a plain identifier, or the database
     *     is not one of H2, PostgreSQL and MariaDB
     * @throws StoreException if no connection can be made to detect the database type
     */
    public JdbcContentStore(DataSource dataSource, String tableName) {
        this(dataSource, tableName, DEFAULT_BATCH_SIZE);
    }

    /**
     * Creates a store on a table.
     *
     * @param dataSource where connections come from
     * @param tableName the table, optionally prefixed by its schema ({@code schema.table}); letters,
     *     digits and underscores only, as it is written into SQL
     * @param batchSize rows per insert batch (and transaction) and keys per read query (except on
     *     PostgreSQL and H2, which read up to {@value #MAX_BATCH_SIZE} keys per query), from 1 to
     *     {@value #MAX_BATCH_SIZE}
     * @throws IllegalArgumentException if the table name is not a plain identifier, the batch size is
     *     out of range, or the database is not one of H2, PostgreSQL and MariaDB
     * @throws StoreException if no connection can be made to detect the database type
     */
    public JdbcContentStore(DataSource dataSource, String tableName, int batchSize) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        String name = JdbcNodeTable.validName(tableName); // before the data source is used
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "batchSize must be between 1 and " + MAX_BATCH_SIZE + ", but was " + batchSize);
        }
        this.table = new JdbcNodeTable(name, JdbcDialect.of(dataSource));
        this.reader = new JdbcNodeReader(dataSource, table, batchSize);
        this.writer = new JdbcNodeWriter(dataSource, table, batchSize);
        this.stats = new JdbcNodeStats(dataSource, table, STATS_MAX_AGE_NANOS);
        this.checkpoint = new JdbcCheckpoint(dataSource, table);
    }

    /**
     * Checks that the table exists and has the columns the store reads and writes. The constructor
     * does not check: call this once when the application starts (the Spring Boot starter does, after
     * its schema initialization), so that a missing table stops the start instead of failing every
     * write later.
     *
     * @throws MissingTableException naming the table, the database and the schema script to run if
     *     the table does not exist or lacks columns
     * @throws StoreException if the database cannot be reached
     * @throws IllegalStateException if the store is closed
     */
    public void checkTable() {
        ensureOpen();
        try (Connection connection = dataSource.getConnection()) {
            table.check(connection);
        } catch (SQLException ex) {
            throw table.failure("check", ex);
        }
    }

    /**
     * Creates the table unless it exists, by running the script shipped for the database
     * ({@code io/pagable/store/jdbc/schema-{platform}.sql}) with the store's table name in it, then
     * {@linkplain #checkTable() checks} it. Off unless called: applications whose schema is managed
     * (Flyway, Liquibase, the Spring Boot starter's {@code initialize-schema}) leave it to that. The
     * connection needs the right to create tables.
     *
     * @throws MissingTableException if a table of that name exists but lacks columns
     * @throws StoreException if the table cannot be created
     * @throws IllegalStateException if the store is closed
     */
    public void createTableIfMissing() {
        ensureOpen();
        try (Connection connection = dataSource.getConnection()) {
            table.create(connection);
            table.check(connection);
        } catch (SQLException ex) {
            throw table.failure("create", ex);
        }
    }

    /**
     * Stores nodes whose keys are not yet in the table; see {@link ContentStore#putAll}. Each batch
     * is committed before the next starts, so the nodes are visible to every store on the table when
     * this returns, and durable once {@link #flush()} returns.
     *
     * @param nodes the nodes to store
     * @throws StoreException if the database fails; earlier batches of this call stay stored
     */
    @Override
    public void putAll(List<StoredNode> nodes) {
        Objects.requireNonNull(nodes, "nodes");
        ensureOpen();
        try {
            writer.insertAll(nodes);
        } finally {
            stats.forget(); // after the inserts, so a stats() racing with them cannot keep a stale count
        }
    }

    /**
     * Reads one node and checks it against its key.
     *
     * @param key the node's key
     * @return the node, or empty if the table has no row for the key
     * @throws io.pagable.CorruptDataException naming the key if the row's content does not match it
     * @throws StoreException if the database fails
     */
    @Override
    public Optional<StoredNode> get(DataKey key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(getAll(List.of(key)).get(key));
    }

    /**
     * Reads many nodes with one query per {@code batchSize} keys (on PostgreSQL, per
     * {@value #MAX_BATCH_SIZE} keys, bound as one array), checking each against its key.
     *
     * @param keys the keys to read
     * @return the nodes found, by key, in the order of {@code keys}
     * @throws io.pagable.CorruptDataException naming the key of a row whose content does not match it
     * @throws StoreException if the database fails
     */
    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        Objects.requireNonNull(keys, "keys");
        ensureOpen();
        return reader.getAll(keys);
    }

    @Override
    public boolean contains(DataKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        return reader.contains(key);
    }

    /**
     * Makes every committed node durable. Committed rows already are on PostgreSQL and MariaDB; on
     * H2, whose commits reach its file up to {@code WRITE_DELAY} later, this runs
     * {@code CHECKPOINT SYNC}. That needs admin rights: without them the store logs a warning once
     * and then relies on the database's own setting (use {@code ;WRITE_DELAY=0} in the URL).
     *
     * @throws StoreException if the database fails
     */
    @Override
    public void flush() {
        ensureOpen();
        checkpoint.run();
    }

    /**
     * Counts the table's rows and sums their sizes. That reads the whole table's key and size columns,
     * so the answer is kept for {@link #STATS_MAX_AGE_NANOS 5 seconds}: health checks, metrics and the
     * actuator endpoint poll this, and must not scan a large table each time. A write through this
     * store discards the kept answer, so this instance's own writes show at once; other instances'
     * writes to the same table show within 5 seconds.
     *
     * @return the number of nodes and their bytes, at most 5 seconds old
     * @throws StoreException if the database fails
     */
    @Override
    public StoreStats stats() {
        ensureOpen();
        return stats.current();
    }

    /**
     * Marks the store closed; later calls throw {@link IllegalStateException}. The data source is
     * left open: it belongs to the caller. Calling it twice is harmless.
     */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "JdbcContentStore[" + table.dialect() + ", table " + table.name() + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "This JdbcContentStore on table " + table.name() + " is closed; create a " + "new one");
        }
    }
}
