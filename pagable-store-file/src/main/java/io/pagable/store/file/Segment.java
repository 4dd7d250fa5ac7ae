package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import io.pagable.store.file.SegmentFormat.RecordKeys;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * One segment file of the file store: an append-only run of checksummed records (see
 * {@link SegmentFormat}). Reads are positional and run concurrently; only the store's writer
 * appends, and it publishes the new {@link #length()} only after the bytes are written.
 *
 * <p>This class is the file: it creates and opens it, publishes its length, runs reads of its
 * channel so that they survive interrupts, and closes it. A record is read from the file's memory
 * map where mapping is on and the map covers it ({@link SegmentMap}), else with positional reads
 * ({@link PositionalRecordReader}); either way {@link RecordCheck} checks it, so a record read is
 * whole, intact and stored under the key asked for, or a {@link CorruptDataException} names the key.
 *
 * <p>A {@link FileChannel} is closed for everyone when a thread is interrupted during its I/O. So
 * reads clear the caller's interrupt flag for their duration (restoring it after) and, if an
 * interrupt still closed the channel, reopen it and retry. A memory map stays valid when its
 * channel closes. The segment's monitor guards replacing the channel, making a new map and closing.
 */
final class Segment {

    final int id;

    final Path path;

    private final boolean writable;

    private volatile FileChannel channel;

    private volatile long length;

    private volatile boolean closed;

    private final SegmentMap map;

    private final PositionalRecordReader positional;

    private final RecordHeadReader heads;

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
        this.path = path;
        this.writable = writable;
        RecordCheck check = new RecordCheck(path, keys);
        this.map = new SegmentMap(this, mapped, check);
        this.positional = new PositionalRecordReader(this, check);
        this.heads = new RecordHeadReader(this, check, keys);
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

    /** Returns whether the store closed the segment. */
    boolean isClosed() {
        return closed;
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
            map.fault();
            return readOnce(key, offset, recordBytesHint);
        }
    }

    private StoredNode readOnce(DataKey key, long offset, int recordBytesHint) {
        StoredNode node = map.read(key, offset, recordBytesHint);
        if (node != null) {
            return node;
        }
        return positional.read(key, offset, recordBytesHint);
    }

    /**
     * Reads the header and child references of the record at {@code offset}, not its data
     * ({@link RecordHeadReader}).
     *
     * @param recordBytesHint the record's length if the index knows it (small records), else 0
     * @throws CorruptDataException naming the key if they are not intact
     */
    RecordHeadReader.RecordHead head(DataKey key, long offset, int recordBytesHint) {
        return heads.read(key, offset, recordBytesHint);
    }

    /** Returns the memory map if reads use one and it covers the file up to {@code end}, else null. */
    @Nullable
    ByteBuffer mapCovering(long end) {
        return map.covering(end);
    }

    /** Stops reading from the memory map after a fault in it ({@link SegmentMap#fault()}). */
    void mapFaulted() {
        map.fault();
    }

    /**
     * Reads the records of a run of keys whose records lie close together, in the order of their
     * offsets: each from the memory map if it covers the run, else with one read from the first
     * record's start to the last record's end ({@link PositionalRecordReader#readRun}).
     *
     * @param offsets the records' offsets, ascending
     * @param ends where each record ends (its offset plus its length, known from the index)
     */
    StoredNode[] readRun(DataKey[] keys, long[] offsets, long[] ends) {
        if (map.covering(ends[keys.length - 1]) != null) {
            return readEach(keys, offsets, ends);
        }
        return positional.readRun(keys, offsets, ends);
    }

    /** Reads the records of a run one by one, as {@link #read} does. */
    StoredNode[] readEach(DataKey[] keys, long[] offsets, long[] ends) {
        StoredNode[] nodes = new StoredNode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            nodes[i] = read(keys[i], offsets[i], (int) (ends[i] - offsets[i]));
        }
        return nodes;
    }

    /** A read from the channel. */
    @FunctionalInterface
    interface ChannelRead<T> {

        T run() throws IOException;
    }

    /**
     * Runs a read that survives another thread's interrupt (which closes the shared channel): the
     * channel is reopened and the read retried, up to 3 attempts; this thread's interrupt status is
     * kept. A closed segment, and any other failure, is the caller's to report.
     */
    <T> T reading(ChannelRead<T> read) throws IOException {
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

    /**
     * Reads into a buffer until it is full or the file ends; the bytes after the record may be gone
     * (the file cut short after it), which is no reason to fail this record.
     */
    void readAtLeast(ByteBuffer buffer, long position, int minimum) throws IOException {
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
        map.drop();
        channel.close();
    }

    private RuntimeException closedOrFailed(ClosedChannelException ex) {
        if (closed) {
            return new IllegalStateException("The FileContentStore holding " + path + " is closed", ex);
        }
        return new StoreException("Reading " + path + " failed: its channel was closed by repeated interrupts", ex);
    }
}
