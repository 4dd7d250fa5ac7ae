package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import io.pagable.store.file.SegmentFormat.RecordHeader;
import io.pagable.store.file.SegmentFormat.RecordKeys;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One segment file of the file store: an append-only run of checksummed records (see
 * {@link SegmentFormat}). Reads are positional and run concurrently; only the store's writer
 * appends, and it publishes the new {@link #length()} only after the bytes are written.
 *
 * <p>With {@code mapped} on, records are read from a read-only memory map of the file rather than
 * with a positional read each (a system call per record): the map covers the file as far as it was
 * written when it was made; a record beyond it is read with a positional read until the part written
 * since is worth mapping again ({@link #REMAP_BYTES}, or a quarter of what is mapped). A map never
 * reaches beyond 2 GiB (a {@link MappedByteBuffer}'s limit) nor beyond what the writer published;
 * records past that are read positionally. {@link #close()} drops the map; the operating system
 * releases it when the garbage collector frees the buffer (Java 17 has no safe way to unmap while
 * another thread may still be reading it).
 *
 * <p>A {@link FileChannel} is closed for everyone when a thread is interrupted during its I/O. So
 * reads clear the caller's interrupt flag for their duration (restoring it after) and, if an
 * interrupt still closed the channel, reopen it and retry. A memory map stays valid when its
 * channel closes.
 */
final class Segment {

    /** Bytes read at first when the record's length is not known: it is then at least 4 KiB. */
    private static final int FIRST_READ_BYTES = 4 * 1024;

    /** The least written and not yet mapped part of a segment that is mapped again. */
    static final int REMAP_BYTES = 1 << 20;

    final int id;

    final Path path;

    private final boolean writable;

    private final boolean mapped;

    private volatile FileChannel channel;

    /** The memory map reads use: null until the first read, with mapping off, and once closed. */
    private volatile @Nullable MappedByteBuffer map;

    /** Whether the map faulted (the file was cut short under it): reads are positional from then on. */
    private volatile boolean mapFaulted;

    private volatile long length;

    private volatile boolean closed;

    private final RecordKeys keys;

    /**
     * Creates a new, empty segment file with its header.
     *
     * @param fsync whether to force the file and its directory entry to disk
     */
    static Segment create(Path directory, int id, boolean fsync, boolean mapped, RecordKeys keys) throws IOException {
        Path path = directory.resolve(SegmentFormat.fileName(id));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer header = SegmentFormat.segmentHeader();
            while (header.hasRemaining()) {
                channel.write(header);
            }
            if (fsync) {
                channel.force(true);
            }
        }
        if (fsync) {
            forceDirectory(directory);
        }
        return new Segment(id, path, true, mapped, keys);
    }

    /** Makes a new file's directory entry durable; a no-op where the platform cannot (Windows). */
    static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ex) {
            // Not supported on this platform: the file system orders the entry itself.
        }
    }

    /**
     * Opens a segment file.
     *
     * @param writable whether the store appends to it
     * @param mapped whether reads use a memory map of the file
     * @param keys the keys of records by location, for back-references to children
     */
    Segment(int id, Path path, boolean writable, boolean mapped, RecordKeys keys) throws IOException {
        this.id = id;
        this.keys = keys;
        this.path = path;
        this.writable = writable;
        this.mapped = mapped;
        this.channel = openChannel();
        this.length = channel.size();
    }

    /** Returns the number of bytes readers may rely on. */
    long length() {
        return length;
    }

    void length(long length) {
        this.length = length;
    }

    FileChannel channel() throws ClosedChannelException {
        FileChannel current = channel;
        if (closed) {
            throw new ClosedChannelException();
        }
        return current;
    }

    /**
     * Reads the record at {@code offset} and checks that it is whole, intact and stored under
     * {@code key}.
     *
     * @param recordBytesHint the record's length if the index knows it (small records), else 0
     *
     * @throws CorruptDataException naming the key if it is not
     */
    StoredNode read(DataKey key, long offset, int recordBytesHint) {
        try {
            return readOnce(key, offset, recordBytesHint);
        } catch (InternalError ex) {
            // A fault in the memory map, which the JVM may report a little later than the copy that met it.
            unmapAfterFault();
            return readOnce(key, offset, recordBytesHint);
        }
    }

    /**
     * Stops using the map after a fault in it (another program cut the file short under it): this
     * segment is read positionally from then on, which reports the damage as such.
     */
    private void unmapAfterFault() {
        mapFaulted = true;
        map = null;
    }

    private StoredNode readOnce(DataKey key, long offset, int recordBytesHint) {
        StoredNode node = readMapped(key, offset, recordBytesHint);
        if (node != null) {
            return node;
        }
        try {
            return reading(() -> readRecord(key, offset, recordBytesHint));
        } catch (EOFException ex) {
            throw corrupt(key, offset, "the record is cut short: the file ends inside it", ex);
        } catch (IOException ex) {
            throw new StoreException(
                    "Reading key " + key + " from " + path + " at offset " + offset + " failed: " + ex.getMessage()
                            + ". Check the disk and the file's permissions.",
                    ex);
        }
    }

    /**
     * Reads the record at {@code offset} from the memory map, mapping the file (again) if needed. The
     * map is read only with the buffer's own reads (single bytes, and bulk copies of the child keys
     * and the data, which the checksum then covers): that is where the JVM turns a fault in the map
     * (the file cut short by another program) into an {@link InternalError}, and this falls back to a
     * positional read then. The checksum's intrinsic never reads the map: a fault there ends the JVM.
     *
     * @param leastBytes the bytes the record takes at least
     * @return the node, or null if the map does not cover the record, its header is not intact or
     *     the map faulted: a positional read then reads it and reports what is wrong
     * @throws CorruptDataException naming the key if the record's checksum does not match
     */
    private @Nullable StoredNode readMapped(DataKey key, long offset, int leastBytes) {
        long end = length;
        int headBytes = (int) Math.min(SegmentFormat.MAX_RECORD_HEADER_BYTES, end - offset);
        ByteBuffer bytes = mapCovering(offset + Math.max(leastBytes, headBytes));
        if (bytes == null || headBytes < SegmentFormat.MIN_RECORD_BYTES) {
            return null;
        }
        try {
            int at = (int) offset;
            CRC32C crc = new CRC32C(); // the header check's, over the varints: where the checksum starts
            RecordHeader header = RecordHeader.parse(bytes, at, headBytes, crc);
            if (header == null || offset + header.recordBytes() > end) {
                return null;
            }
            bytes = mapCovering(offset + header.recordBytes());
            if (bytes == null) {
                return null;
            }
            int bodyStart = at + header.headerBytes();
            ChildReferences children = references(header);
            int referenceBytes = (children == null)
                    ? 0
                    : children.readAll(
                            bytes, bodyStart, bodyStart + header.bodyLength(), header.childCount(), id, offset);
            if (referenceBytes < 0) {
                return null;
            }
            byte[] data = new byte[header.bodyLength() - referenceBytes];
            bytes.get(bodyStart + referenceBytes, data);
            crc.update(bytes.slice(bodyStart, referenceBytes)); // checksummed in place, not copied out
            return checked(key, offset, crc, header, children, data);
        } catch (InternalError ex) {
            unmapAfterFault();
            return null;
        }
    }

    /**
     * Returns the memory map if it covers the file up to {@code end}, mapping the file again if the
     * part written since the last map is worth it; null if mapping is off or {@code end} lies beyond
     * what can be mapped.
     */
    private @Nullable ByteBuffer mapCovering(long end) {
        MappedByteBuffer current = map;
        if (current != null && end <= current.capacity()) {
            return current;
        }
        if (!mapped || mapFaulted || end > length) {
            return null;
        }
        return remap(end);
    }

    private synchronized @Nullable ByteBuffer remap(long end) {
        MappedByteBuffer current = map;
        int mappedBytes = (current == null) ? 0 : current.capacity();
        if (end <= mappedBytes) {
            return current;
        }
        long size = Math.min(length, Integer.MAX_VALUE);
        if (closed
                || mapFaulted
                || end > size
                || (current != null && size - mappedBytes < Math.max(REMAP_BYTES, mappedBytes / 4))) {
            return null;
        }
        boolean interrupted = Thread.interrupted();
        // A channel of its own, read-only: mapping beyond the end of a writable channel's file would
        // extend the file. The map stays valid once the channel is closed.
        try (FileChannel readOnly = FileChannel.open(path, StandardOpenOption.READ)) {
            MappedByteBuffer fresh = readOnly.map(FileChannel.MapMode.READ_ONLY, 0, size);
            map = fresh;
            return fresh;
        } catch (IOException ex) {
            return null; // positional reads go on, and report what is wrong with the file
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A read from the channel. */
    @FunctionalInterface
    private interface ChannelRead<T> {

        T run() throws IOException;
    }

    /**
     * Runs a read that survives another thread's interrupt (which closes the shared channel): the
     * channel is reopened and the read retried, up to 3 attempts; this thread's interrupt status is
     * kept. A closed segment, and any other failure, is the caller's to report.
     */
    private <T> T reading(ChannelRead<T> read) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return read.run();
                } catch (AsynchronousCloseException ex) {
                    interrupted |= Thread.interrupted();
                    if (closed || attempt == 3) {
                        throw closedOrFailed(ex);
                    }
                    reopenIfClosed();
                } catch (ClosedChannelException ex) {
                    throw closedOrFailed(ex);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private StoredNode readRecord(DataKey key, long offset, int recordBytesHint) throws IOException {
        long end = length;
        if (offset + SegmentFormat.MIN_RECORD_BYTES > end) {
            throw corrupt(key, offset, "the record header lies beyond the segment's end at " + end, null);
        }
        int firstRead = (recordBytesHint >= SegmentFormat.MIN_RECORD_BYTES) ? recordBytesHint : FIRST_READ_BYTES;
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(firstRead, end - offset));
        readAtLeast(head, offset, SegmentFormat.MIN_RECORD_BYTES);
        head.flip();
        return decode(key, head, offset, end);
    }

    /**
     * Reads the records of a run of keys whose records lie close together, in the order of their
     * offsets, with one read from the first record's start to the last record's end.
     *
     * @param offsets the records' offsets, ascending
     * @param ends where each record ends (its offset plus its length, known from the index)
     */
    StoredNode[] readRun(DataKey[] keys, long[] offsets, long[] ends) {
        int count = keys.length;
        if (mapCovering(ends[count - 1]) != null) {
            StoredNode[] nodes = new StoredNode[count];
            for (int i = 0; i < count; i++) {
                nodes[i] = read(keys[i], offsets[i], (int) (ends[i] - offsets[i]));
            }
            return nodes;
        }
        long first = offsets[0];
        long last = ends[count - 1];
        ByteBuffer run = ByteBuffer.allocate((int) (last - first));
        try {
            reading(() -> {
                readFully(run.clear(), first);
                return run;
            });
        } catch (IOException ex) {
            // The file ends inside the run (or the read failed): read one by one, which names the key.
            StoredNode[] nodes = new StoredNode[count];
            for (int i = 0; i < count; i++) {
                nodes[i] = read(keys[i], offsets[i], (int) (ends[i] - offsets[i]));
            }
            return nodes;
        }
        StoredNode[] nodes = new StoredNode[count];
        for (int i = 0; i < count; i++) {
            ByteBuffer record = run.duplicate()
                    .position((int) (offsets[i] - first))
                    .limit((int) (ends[i] - first))
                    .slice();
            try {
                nodes[i] = decode(keys[i], record, offsets[i], length);
            } catch (IOException ex) {
                // The record claims more bytes than the index knew of: read it alone, which reports why.
                nodes[i] = read(keys[i], offsets[i], (int) (ends[i] - offsets[i]));
            }
        }
        return nodes;
    }

    /**
     * Decodes the record whose first bytes {@code head} holds (from position 0; the rest is read from
     * the file) and checks that it is whole, intact and stored under {@code key}.
     */
    private StoredNode decode(DataKey key, ByteBuffer head, long offset, long end) throws IOException {
        CRC32C crc = new CRC32C(); // the header check's, over the varints: where the checksum starts
        RecordHeader header = RecordHeader.parse(head, 0, head.limit(), crc);
        if (header == null) {
            throw corrupt(key, offset, "no intact record header starts there", null);
        }
        if (offset + header.recordBytes() > end) {
            throw corrupt(
                    key,
                    offset,
                    "the record claims " + header.childCount() + " children and a body of " + header.bodyLength()
                            + " bytes, more than the segment holds",
                    null);
        }
        byte[] body = new byte[header.bodyLength()];
        head.position(header.headerBytes());
        fill(head, body, offset + header.headerBytes());
        ChildReferences children = references(header);
        int referenceBytes = (children == null)
                ? 0
                : children.readAll(ByteBuffer.wrap(body), 0, body.length, header.childCount(), id, offset);
        if (referenceBytes < 0) {
            throw corrupt(key, offset, "its child references are malformed or run past its body", null);
        }
        crc.update(body, 0, referenceBytes);
        return checked(key, offset, crc, header, children, Arrays.copyOfRange(body, referenceBytes, body.length));
    }

    /**
     * Checks a record's checksum: {@code crc} holds its varints and child references; this adds the
     * data and the key asked for. Then looks up the keys of its back-referenced children.
     *
     * @throws CorruptDataException naming the key if the checksum does not match, or a child's
     *     back-reference does not lead to a record the store holds
     */
    private StoredNode checked(
            DataKey key,
            long offset,
            CRC32C crc,
            RecordHeader header,
            @Nullable ChildReferences children,
            byte[] data) {
        crc.update(data);
        SegmentFormat.updateWithKey(crc, key.high(), key.low());
        if ((int) crc.getValue() != header.checksum()) {
            throw corrupt(
                    key,
                    offset,
                    "the record's checksum does not match its bytes and key (damaged, or the record of another key)",
                    null);
        }
        if (children == null) {
            return new StoredNode(key, data, List.of());
        }
        if (!children.resolve(keys)) {
            throw corrupt(
                    key,
                    offset,
                    "a child's back-reference does not lead to a record the store holds (it was lost to damage)",
                    null);
        }
        return new StoredNode(key, data, children.keys());
    }

    /** Room for a record's child references, or null if it has none. */
    private static @Nullable ChildReferences references(RecordHeader header) {
        return (header.childCount() == 0) ? null : new ChildReferences(Math.min(header.childCount(), 16));
    }

    /**
     * Fills {@code target}, whose bytes start at {@code fileOffset} (where the head buffer's position
     * is too), from the head buffer as far as it reaches and from the file for the rest.
     */
    private void fill(ByteBuffer head, byte[] target, long fileOffset) throws IOException {
        int fromHead = Math.min(head.remaining(), target.length);
        head.get(target, 0, fromHead);
        if (fromHead < target.length) {
            readFully(ByteBuffer.wrap(target, fromHead, target.length - fromHead), fileOffset + fromHead);
        }
    }

    /**
     * Reads into a buffer until it is full or the file ends; the bytes after the record may be gone
     * (the file cut short after it), which is no reason to fail this record.
     */
    private void readAtLeast(ByteBuffer buffer, long position, int minimum) throws IOException {
        FileChannel current = channel();
        long at = position;
        while (buffer.hasRemaining()) {
            int read = current.read(buffer, at);
            if (read < 0) {
                break;
            }
            at += read;
        }
        if (buffer.position() < minimum) {
            throw new EOFException();
        }
    }

    void readFully(ByteBuffer buffer, long position) throws IOException {
        FileChannel current = channel();
        long at = position;
        while (buffer.hasRemaining()) {
            int read = current.read(buffer, at);
            if (read < 0) {
                throw new EOFException();
            }
            at += read;
        }
    }

    /** Reopens the channel if an interrupt closed it (and the store did not). */
    synchronized void reopenIfClosed() {
        if (!closed && !channel.isOpen()) {
            try {
                channel = openChannel();
            } catch (IOException ex) {
                throw new StoreException("Reopening " + path + " after an interrupt failed: " + ex.getMessage(), ex);
            }
        }
    }

    private FileChannel openChannel() throws IOException {
        return writable
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
    }

    synchronized void close() throws IOException {
        closed = true;
        map = null;
        channel.close();
    }

    private RuntimeException closedOrFailed(ClosedChannelException ex) {
        if (closed) {
            return new IllegalStateException("The FileContentStore holding " + path + " is closed", ex);
        }
        return new StoreException("Reading " + path + " failed: its channel was closed by repeated interrupts", ex);
    }

    private CorruptDataException corrupt(DataKey key, long offset, String problem, @Nullable Throwable cause) {
        return new CorruptDataException(key, "in " + path + " at offset " + offset + ", " + problem, cause);
    }
}
