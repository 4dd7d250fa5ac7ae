package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.PagableRoot;
import io.pagable.StoreException;
import io.pagable.store.ContentStore;
import io.pagable.store.DeletedNodes;
import io.pagable.store.NodeSummary;
import io.pagable.store.SingleProcessContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A content store in a local directory: nodes are appended to checksummed segment files, and an
 * index of key to record location is kept in memory outside the Java heap. It keeps named roots and
 * supports garbage collection, crash-safely, and gives the space of deleted nodes back to the file
 * system.
 *
 * <h2>Crash safety</h2>
 * Segments are append-only. A record holds a node's child references and data behind 8 to 16 bytes
 * of framing, with a CRC-32C over them and over the node's key; the key itself is not stored, as it is
 * derived from the content ({@link StoredNode#of}). A child stored earlier in the same segment is
 * referred to by how far back its record starts (1-4 bytes), any other by its 16-byte key (see
 * {@link SegmentFormat}); a record whose back-referenced child is damaged cannot be keyed, and is
 * lost with it (storing it again stores both). When a store opens, it reads every segment,
 * derives every record's key, checks every record and rebuilds the index: a record cut short by a
 * crash, or damaged later, is never indexed, so it can never be read back as data; a torn write at
 * the end of the newest segment is cut off; damage in the middle of a segment is stepped over (the
 * intact records after it stay readable) and the file is left as it is. Reads check the checksum
 * again, with the key asked for, and report a damaged record (or one that is not the key's) as
 * {@link io.pagable.CorruptDataException} naming the key. Nodes for which {@link #putAll} returned
 * survive a crash of the process; with {@code fsync} (the default), nodes for which
 * {@link #flush()} returned also survive a power failure or an operating system crash. With
 * {@code fsync}, a thread of the store's ({@code pagable-file-writeback}, alive while there is
 * writing and a second after) starts forcing written bytes to the disk every
 * {@value SegmentWriter#WRITEBACK_BYTES} bytes, so that a flush finds less left to force; the flush
 * still forces everything itself before it returns, and reports a failure of a background force.
 *
 * <p>Nodes must be stored under their computed keys, as the engine stores them: a node handed to
 * {@link #putAll} under another key is readable under it until the store closes, and is found
 * damaged (and skipped) when the store opens again.
 *
 * <p>Opening a store reads its files once and hashes them (SHA-256) to derive the keys: 1.7 to 2.8 s
 * per GiB of 64 KiB nodes on a loaded 2-core machine, from the OS cache.
 *
 * <h2>Roots and garbage collection</h2>
 * Named roots are kept in the file {@code pagable.roots}, replaced whole on every change; leases,
 * the collection lock and retired roots in memory ({@link SingleProcessContentStore}). Every node has
 * a touched time in its index entry. {@link #deleteUntouched} makes each batch durable in the
 * deletion log {@code pagable.deletions} before it leaves the index, and the store opening applies
 * the log; {@link #reclaimSpace()} rewrites the segments that are mostly dead and deletes them. With
 * {@code fsync} off, roots and deletions are not forced to the disk (a rename keeps a roots change
 * atomic against a crash of the process), but giving space back forces what it writes before it
 * deletes anything. The package documentation gives the design and why each step is crash-safe.
 *
 * <h2>Memory</h2>
 * The index of key to record location is kept off the Java heap, in direct buffers of 32 bytes per
 * slot (key, location and touched time; no object per entry), between 3/8 and 3/4 full, with every
 * record's key by location beside it (24 bytes per record, for reading back-references): 67 to 110
 * bytes of native memory per stored node, of which the touched time takes 11 to 22, whatever the
 * node's size, and a few objects on the heap whatever the number of nodes (for a moment more while
 * the table doubles, until the garbage collector frees the old table). {@link #indexNativeBytes()}
 * reports it; it counts against {@code -XX:MaxDirectMemorySize}, which defaults to the maximum heap
 * size. A scan in key order holds a sorted copy of every key on the heap while it runs (16 bytes per
 * node). Node data is never cached on the heap.
 *
 * <p>Reads copy records out of read-only memory maps of the segment files, so a read is no system
 * call; the mapped pages are the operating system's file cache, not heap or direct memory. Records
 * written after a segment was mapped are read with positional reads until the new part is worth
 * mapping again. {@link #close()} drops the maps, and the operating system releases them when the
 * garbage collector frees the buffers. On Windows, where a mapped file can be neither truncated nor
 * deleted, reads are positional reads. A segment file cut short by another program while the store
 * has it open is reported as {@link io.pagable.CorruptDataException}, unless the JVM reports the fault
 * in the memory map late: then the caller's next step may throw an {@link InternalError}.
 *
 * <h2>Concurrency</h2>
 * Thread-safe: reads run concurrently and never wait for writes, not even while space is given back
 * (a read of a record being moved reads the old record or its copy); writes and deletes are
 * serialized. A directory can be open in one store at a time: a second store opening it, in this or
 * another process, fails at once with a {@link StoreException} saying the directory is in use (an OS
 * lock on the file {@code pagable.lock}, released by the OS if the process dies). To share nodes
 * between processes, use a {@code JdbcContentStore} (module {@code pagable-store-jdbc}).
 *
 * <h2>Layout</h2>
 * The directory holds {@code pagable.lock}, {@code pagable.roots}, {@code pagable.deletions} and
 * files {@code segment-00000001.dat}, {@code segment-00000002.dat} ... of up to 256 MiB each (a
 * larger node gets a segment of its own); segment numbers are never used twice. The format is
 * described in the source of {@code SegmentFormat}; it is versioned, and a store refuses files of a
 * version it does not read.
 */
public final class FileContentStore extends SingleProcessContentStore {

    static final long DEFAULT_MAX_SEGMENT_BYTES = 256L * 1024 * 1024;

    /** Whether reads use memory maps: not on Windows, where a mapped file cannot be truncated or deleted. */
    static final boolean MAPPED_BY_DEFAULT =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Path directory;

    private final boolean fsync;

    private final FileStoreIndex index = new FileStoreIndex();

    private final ReentrantLock writeLock = new ReentrantLock();

    private final FileStoreLock directoryLock;

    private final FileStoreDeletionLog deletionLog;

    private final SegmentWriter writer;

    private final FileStoreReads reads;

    private final FileStoreWrites writes;

    private final FileStoreScan scan;

    private final FileStoreDeletes deletes;

    private final FileStoreReclaim reclaim;

    private volatile boolean closed;

    /**
     * Opens the store in a directory, creating the directory if needed, with {@code fsync} on: see
     * {@link #FileContentStore(Path, boolean)}.
     *
     * @param directory where the store keeps its files
     * @throws StoreException if the directory cannot be created or read, or another store has it open
     */
    public FileContentStore(Path directory) {
        this(directory, true);
    }

    /**
     * Opens the store in a directory, creating the directory if needed, reads its roots and reads its
     * segments to rebuild the index.
     *
     * @param directory where the store keeps its files
     * @param fsync whether {@link #flush()} forces written nodes to the disk, so that they survive a
     *     power failure; without it they still survive a crash of the process, and writes are faster
     * @throws StoreException if the directory cannot be created or read, holds files of an unknown
     *     format, or another store (in this or another process) has it open
     * @throws io.pagable.CorruptDataException naming the file if the roots file or the deletion log
     *     is damaged
     */
    public FileContentStore(Path directory, boolean fsync) {
        this(directory, fsync, DEFAULT_MAX_SEGMENT_BYTES);
    }

    FileContentStore(Path directory, boolean fsync, long maxSegmentBytes) {
        this(directory, fsync, maxSegmentBytes, MAPPED_BY_DEFAULT);
    }

    /**
     * Opens the store with a maximum segment size (for tests) and a choice of reading segments
     * through memory maps or with positional reads.
     */
    FileContentStore(Path directory, boolean fsync, long maxSegmentBytes, boolean mapped) {
        this(directory, FileStoreOptions.of(fsync, maxSegmentBytes, mapped));
    }

    /** Opens the store with options of a test's: a clock, a watcher of steps. */
    FileContentStore(Path directory, FileStoreOptions options) {
        this(Objects.requireNonNull(options, "options"), FileStoreDirectory.open(directory));
    }

    private FileContentStore(FileStoreOptions options, FileStoreDirectory opened) {
        super(options.clock(), opened.roots());
        this.directory = opened.path();
        this.fsync = options.fsync();
        this.directoryLock = opened.lock();
        FileStoreFiles files = FileStoreFiles.open(opened, index, options, FileStoreWrites.touchedMillis(now()));
        this.deletionLog = files.log();
        this.reads = files.reads();
        this.writer = files.writer();
        this.writes = files.writes();
        this.scan = new FileStoreScan(index, reads);
        this.deletes = new FileStoreDeletes(
                writeLock, this::ensureOpen, index, reads, writes, writer, deletionLog, options.steps());
        this.reclaim = new FileStoreReclaim(
                directory, writeLock, this::ensureOpen, index, reads, writer, deletionLog, options.steps());
    }

    /**
     * Stores nodes, appending those whose key is not yet stored and touching those that are; see
     * {@link ContentStore#putAll}. When this returns, the nodes are readable and survive a crash of
     * this process.
     *
     * @param nodes the nodes to store
     * @throws StoreException if writing fails; then none of this call's new nodes is readable (a
     *     part already written intact may become readable when the store is reopened)
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public void putAll(List<StoredNode> nodes) {
        Objects.requireNonNull(nodes, "nodes");
        if (nodes.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            ensureOpen();
            writes.putAll(nodes, FileStoreWrites.touchedMillis(now()));
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Reads a node, checking its record's checksum.
     *
     * @param key the node's key
     * @return the node, or empty if the store does not hold the key
     * @throws io.pagable.CorruptDataException naming the key if its record is damaged
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public Optional<StoredNode> get(DataKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        return reads.get(key);
    }

    /**
     * Reads many nodes, in the order of their records on disk, each checked as {@link #get} checks
     * it. Where a segment is not memory-mapped (see the class documentation), records that lie close
     * together in it (within {@value RecordRuns#GAP_BYTES} bytes of each other, as a drain writes a
     * node's children next to it) are read with one positional read per run.
     *
     * @param keys the keys to read
     * @return the nodes found, by key, in the order of {@code keys}
     * @throws io.pagable.CorruptDataException naming the first damaged record's key
     */
    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        Objects.requireNonNull(keys, "keys");
        ensureOpen();
        return reads.getAll(keys);
    }

    @Override
    public boolean contains(DataKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        return index.find(key) != 0;
    }

    /**
     * Forces every node stored so far to the disk when the store was opened with {@code fsync};
     * otherwise does nothing (nodes already survive a crash of the process).
     *
     * @throws StoreException if the disk reports a failure
     */
    @Override
    public void flush() {
        writeLock.lock();
        try {
            ensureOpen();
            writer.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Returns the exact number of stored nodes and their bytes (data plus 16 per child key).
     *
     * @return the store's size
     */
    @Override
    public StoreStats stats() {
        return new StoreStats(index.size(), writes.storedBytes());
    }

    /** Replaces the roots file ({@link FileStoreRoots}); see the class documentation. */
    @Override
    protected void persistRoots(Map<String, PagableRoot> roots) {
        ensureOpen();
        FileStoreRoots.write(directory, roots, fsync);
    }

    /** Returns true: the file store keeps touched times and lets the collector delete. */
    @Override
    public boolean supportsCollection() {
        return true;
    }

    /**
     * Lists stored nodes in key order, a page at a time, without reading their data: the first page
     * sorts a copy of every key (16 bytes per node on the heap, let go of after the last page), the
     * following pages continue in it; see {@link ContentStore#scan}.
     */
    @Override
    public List<NodeSummary> scan(@Nullable DataKey after, int limit) {
        ensureOpen();
        return scan.page(after, limit);
    }

    /**
     * Reads the child keys of nodes from their records' heads, without their data; a record whose
     * header or references are damaged is a {@link io.pagable.CorruptDataException} naming its key.
     */
    @Override
    public Map<DataKey, List<DataKey>> children(Collection<DataKey> keys) {
        Objects.requireNonNull(keys, "keys");
        ensureOpen();
        return reads.children(keys);
    }

    /**
     * Deletes the given nodes last touched before a moment, in batches of
     * {@value FileStoreDeletes#BATCH}, each durable in the deletion log before it leaves the index
     * ({@link ContentStore#deleteUntouched}); if the log cannot be written, a {@link StoreException}
     * says so, and the batch was not deleted.
     */
    @Override
    public DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
        return deletes.deleteUntouched(keys, touchedBefore);
    }

    /**
     * Rewrites the segment files less than 3/4 of which is live records (the one being written too),
     * copying the live records forward, then deletes them, crash-safely, while reads and writes go
     * on. Returns the bytes of the files deleted minus those the copies took; if copying or forcing
     * fails, a {@link StoreException} says so, and no segment was deleted.
     */
    @Override
    public long reclaimSpace() {
        ensureOpen();
        return reclaim.reclaim();
    }

    /**
     * Flushes, closes the segment files and the deletion log and unlocks the directory. Calling it
     * again does nothing; any other call afterwards throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                writer.flush();
            } finally {
                closed = true;
                writer.close();
                for (Segment segment : reads.segments()) {
                    if (segment != null) {
                        FileStoreFiles.closeQuietly(segment::close);
                    }
                }
                FileStoreFiles.closeQuietly(deletionLog);
                FileStoreFiles.closeQuietly(directoryLock);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Returns the memory the store's index takes outside the Java heap: 67 to 110 bytes per stored
     * node (see the class documentation). The heap holds only a few objects for it, so heap figures
     * do not show it; add this to them for the store's whole footprint.
     *
     * @return the index's native memory, in bytes
     */
    public long indexNativeBytes() {
        return index.nativeBytes();
    }

    @Override
    public String toString() {
        return "FileContentStore[" + directory + ", " + index.size() + " nodes]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The FileContentStore in " + directory + " is closed; open a new one");
        }
    }
}
