package io.pagable.store.jdbc;

import io.pagable.DataKey;
import io.pagable.PagableRoot;
import io.pagable.StoreException;
import io.pagable.store.ContentStore;
import io.pagable.store.DeletedNodes;
import io.pagable.store.NodeSummary;
import io.pagable.store.StoreLease;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A content store in one database table, over plain JDBC: H2, PostgreSQL and MariaDB, with named
 * roots and garbage collection in four small tables beside it. Because writes are idempotent, any
 * number of stores, engines and application instances can share the tables; the database keeps each
 * node once, and its clock is the one clock they all use.
 *
 * <h2>The tables</h2>
 * One row per node: {@code NODE_KEY} (the 16-byte key, primary key), {@code NODE_DATA} (the bytes:
 * {@code BINARY VARYING} on H2, {@code BYTEA} on PostgreSQL, {@code LONGBLOB} on MariaDB; H2 tables
 * made with {@code BLOB} columns by earlier versions work too), {@code CHILD_KEYS} (the child keys, 16
 * bytes each, concatenated), {@code STORED_SIZE} (data plus child key bytes), {@code CREATED_AT} and
 * {@code TOUCHED_AT} (when the node was last written or written again, in epoch milliseconds of the
 * database's clock). Beside it, named after it: {@code <table>_ROOTS} (the named roots),
 * {@code <table>_RETIRED} (the keys roots were moved away from, and when), {@code <table>_LEASES}
 * (each running engine's lease, with the keys it holds) and {@code <table>_GC_LOCK} (the one
 * collection lock). The store creates them only when asked ({@link #createTableIfMissing()}), and
 * {@link #checkTable()} tells at startup whether they are there. The scripts ship in this jar, one per
 * database, ready for Flyway or Liquibase as they are:
 * <pre>
 *   io/pagable/store/jdbc/schema-h2.sql          schema-drop-h2.sql          schema-upgrade-h2.sql
 *   io/pagable/store/jdbc/schema-postgresql.sql  schema-drop-postgresql.sql  schema-upgrade-postgresql.sql
 *   io/pagable/store/jdbc/schema-mariadb.sql     schema-drop-mariadb.sql     schema-upgrade-mariadb.sql
 * </pre>
 * They create {@value #DEFAULT_TABLE_NAME} and the tables beside it; for another table name, replace it
 * in your copy (also where it starts the other tables' names), or let {@link #createTableIfMissing()}
 * run the script under the store's table name. A table of pagable 0.1, which has no
 * {@code TOUCHED_AT} and no tables beside it, is upgraded in place, keeping its nodes, by
 * {@code schema-upgrade-{platform}.sql}; {@link #checkTable()} names what is missing and the
 * statements. (In Spring Boot, the starter applies the schema scripts under
 * {@code pagable.store.jdbc.initialize-schema} and checks the tables at startup.) The store's database
 * user needs {@code SELECT}, {@code INSERT}, {@code UPDATE} and {@code DELETE} on all five tables.
 *
 * <h2>Behaviour</h2>
 * The database type is read from the connection's metadata when the store is created. Inserts run in
 * batches of {@code batchSize} rows, one transaction per batch, in the database's own
 * insert-or-touch form (a node already present keeps its bytes and has its touched time raised to
 * the database's now), with rows sorted by key so that concurrent writers lock in one order;
 * deadlocks and similar transient failures are retried. A connection is taken from the
 * {@link DataSource} for each call and returned before it ends; the store never closes the data
 * source. {@link #getAll} reads up to {@code batchSize} keys per query; on PostgreSQL and H2, where
 * the keys are bound as one array, up to {@value #MAX_BATCH_SIZE}. Data columns are read as
 * streams, and every node read is checked against its key (and its stored size), so a damaged row
 * is reported as {@link io.pagable.CorruptDataException} naming the key instead of returned.
 * {@link #flush()} makes committed nodes durable on H2 too (see there).
 * Roots change by compare-and-set, in one transaction with the retired root they leave. Touched
 * times, leases and the collection lock are in the database's clock ({@link #now()}), never the
 * application's, so instances whose clocks differ agree.
 *
 * <p>This class is the store's public face for every method of the SPI, each with what this store
 * guarantees in its Javadoc; that makes it longer than the other classes of the package (about half
 * of it is documentation). Its code only checks arguments and whether the store is open and hands
 * each call to one part: {@code JdbcNodeTable}, {@code JdbcNodeWriter}, {@code JdbcNodeReader},
 * {@code JdbcNodeStats}, {@code JdbcCheckpoint}, {@code JdbcRootTable}, {@code JdbcLeases},
 * {@code JdbcCollectionLock}, {@code JdbcNodeSweeper}, {@code JdbcClock} and
 * {@code JdbcSpaceReclaimer}.
 */
public final class JdbcContentStore implements ContentStore {

    /** The table name used when none is given, and the one the schema scripts create. */
    public static final String DEFAULT_TABLE_NAME = "PAGABLE_NODES";

    /**
     * The longest table name accepted (after the schema name, if any): the tables beside it add up to
     * 8 characters to it, and PostgreSQL keeps names of up to 63.
     */
    public static final int MAX_TABLE_NAME_LENGTH = 55;

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

    private final JdbcClock clock;

    private final JdbcRootTable roots;

    private final JdbcLeases leases;

    private final JdbcCollectionLock collectionLock;

    private final JdbcNodeSweeper sweeper;

    private final JdbcSpaceReclaimer reclaimer;

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
     *     digits and underscores only, as it is written into SQL, at most
     *     {@value #MAX_TABLE_NAME_LENGTH} characters
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
     *     digits and underscores only, as it is written into SQL, at most
     *     {@value #MAX_TABLE_NAME_LENGTH} characters
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
        this.clock = new JdbcClock(dataSource, table);
        this.roots = new JdbcRootTable(dataSource, table);
        this.leases = new JdbcLeases(dataSource, table);
        this.collectionLock = new JdbcCollectionLock(dataSource, table);
        this.sweeper = new JdbcNodeSweeper(dataSource, table);
        this.reclaimer = new JdbcSpaceReclaimer(dataSource, table);
    }

    /**
     * Checks that the table and the tables beside it exist and have the columns the store reads and
     * writes. The constructor does not check: call this once when the application starts (the Spring
     * Boot starter does, after its schema initialization), so that a missing table stops the start
     * instead of failing every write later.
     *
     * @throws MissingTableException naming the table, the database and the schema script to run if
     *     the table does not exist or lacks columns; for a table of pagable 0.1, naming what it lacks
     *     and giving the upgrade script's statements
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
     * Creates the table and the tables beside it unless they exist, by running the script shipped for
     * the database ({@code io/pagable/store/jdbc/schema-{platform}.sql}) with the store's table name in
     * it, then {@linkplain #checkTable() checks} them. Off unless called: applications whose schema is
     * managed (Flyway, Liquibase, the Spring Boot starter's {@code initialize-schema}) leave it to
     * that. The connection needs the right to create tables. It does not alter an existing table: a
     * table of pagable 0.1 needs the upgrade script, which {@link #checkTable()} names.
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
     * Stores nodes whose keys are not yet in the table, and touches those that are (their touched
     * time becomes the database's now); see {@link ContentStore#putAll}. Each batch is committed
     * before the next starts, so the nodes are visible to every store on the table when this returns,
     * and durable once {@link #flush()} returns.
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

    @Override
    public Optional<PagableRoot> root(String name) {
        Objects.requireNonNull(name, "name");
        ensureOpen();
        return roots.root(name);
    }

    /**
     * Points a name at a key if it points at the expected one now, in one transaction that also
     * writes the key it moved the name away from as a retired root; on H2 the commit is then made
     * durable as {@link #flush()} does.
     */
    @Override
    public boolean replaceRoot(String name, @Nullable DataKey expected, @Nullable DataKey key) {
        Objects.requireNonNull(name, "name");
        ensureOpen();
        boolean replaced = roots.replace(name, expected, key);
        if (replaced) {
            checkpoint.run();
        }
        return replaced;
    }

    @Override
    public List<PagableRoot> roots(@Nullable String afterName, int limit) {
        requirePositive(limit);
        ensureOpen();
        return roots.roots(afterName, limit);
    }

    /** Returns true: the store keeps touched times, retired roots, leases and the lock in its tables. */
    @Override
    public boolean supportsCollection() {
        return true;
    }

    /** Returns the database's clock, to the millisecond, read with one query. */
    @Override
    public Instant now() {
        ensureOpen();
        return clock.now();
    }

    @Override
    public void renewLease(String holder, Duration duration, byte[] liveKeys) {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(liveKeys, "liveKeys");
        ensureOpen();
        leases.renew(holder, duration, liveKeys);
    }

    @Override
    public void releaseLease(String holder) {
        Objects.requireNonNull(holder, "holder");
        ensureOpen();
        leases.release(holder);
    }

    /** Returns the leases that have not expired by the database's clock, and deletes those that have. */
    @Override
    public List<StoreLease> leases() {
        ensureOpen();
        return leases.live();
    }

    @Override
    public boolean tryLockCollection(String holder, Duration duration) {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(duration, "duration");
        ensureOpen();
        return collectionLock.tryLock(holder, duration);
    }

    @Override
    public void unlockCollection(String holder) {
        Objects.requireNonNull(holder, "holder");
        ensureOpen();
        collectionLock.unlock(holder);
    }

    @Override
    public List<DataKey> retiredRoots(Instant since) {
        Objects.requireNonNull(since, "since");
        ensureOpen();
        return roots.retired(since);
    }

    @Override
    public void forgetRetiredRoots(Instant before) {
        Objects.requireNonNull(before, "before");
        ensureOpen();
        roots.forgetRetired(before);
    }

    /** Lists nodes in key order with one query on the primary key per page, without their bytes. */
    @Override
    public List<NodeSummary> scan(@Nullable DataKey after, int limit) {
        requirePositive(limit);
        ensureOpen();
        return sweeper.scan(after, limit);
    }

    /** Reads only the {@code CHILD_KEYS} column of the nodes, with queries as {@link #getAll} makes. */
    @Override
    public Map<DataKey, List<DataKey>> children(Collection<DataKey> keys) {
        Objects.requireNonNull(keys, "keys");
        ensureOpen();
        return reader.children(keys);
    }

    /**
     * Deletes the nodes not touched since the cutoff, in batches of at most 1,000 keys, each one
     * statement in a short transaction of its own; earlier batches stay deleted if a later one fails.
     */
    @Override
    public DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(touchedBefore, "touchedBefore");
        ensureOpen();
        try {
            return sweeper.deleteUntouched(keys, touchedBefore);
        } finally {
            stats.forget();
        }
    }

    /**
     * Gives space back where the database needs a command for it that blocks neither reads nor
     * writes: on PostgreSQL, {@code VACUUM} of the node table (never {@code VACUUM FULL}), which
     * makes the deleted rows' space reusable and cuts empty pages off the end of the table; it
     * returns the bytes the table shrank by. On MariaDB InnoDB's purge frees the space for new rows by
     * itself, and on H2 new writes reuse it (the file shrinks when the database closes); both return 0.
     */
    @Override
    public long reclaimSpace() {
        ensureOpen();
        return reclaimer.reclaim();
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

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "This JdbcContentStore on table " + table.name() + " is closed; create a " + "new one");
        }
    }
}
