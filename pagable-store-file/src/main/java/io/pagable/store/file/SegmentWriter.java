package io.pagable.store.file;

import static io.pagable.store.file.SegmentFormat.SEGMENT_HEADER_BYTES;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Appends records to the file store's active segment, rolling to a new segment when it is full.
 * Records are staged in a direct buffer and written in large chunks; a record larger than the
 * buffer is written straight from the node's array. Not thread-safe: the store calls it under its
 * write lock.
 *
 * <p>With fsync, every {@value #WRITEBACK_BYTES} bytes written start a force on a background thread
 * ({@link Writeback}); {@link #flush()} and rolling to a new segment wait for it, report its failure
 * and force themselves, so what they guarantee is what it was without it.
 *
 * <p>If a write fails, the active segment is cut back to where the batch started, so a half-written
 * record never sits before later ones; if even that fails, the next batch starts a new segment.
 *
 * <p>A child stored earlier in the active segment (by this batch or, as the index tells, before it)
 * is written as a back-reference to its record, any other child by its key (see {@link
 * SegmentFormat}).
 */
final class SegmentWriter {

    private static final int STAGING_BYTES = 1 << 20;

    /** Bytes written after which a background force starts (with fsync on). */
    static final int WRITEBACK_BYTES = 4 << 20;

    private final Path directory;

    private final boolean fsync;

    private final boolean mapped;

    private final long maxSegmentBytes;

    private final Consumer<Segment> newSegments;

    private final FileStoreIndex index;

    /** Where the records of the batch being written are: the index learns them after the batch. */
    private final KeyLocations batch = new KeyLocations();

    /** The back-reference distance of each child of the record being written (0: by key). */
    private long[] backs = new long[KEPT_BACKS];

    /** The longest {@link #backs} kept between batches. */
    private static final int KEPT_BACKS = 1024;

    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES);

    private Segment active;

    /** Bytes of the active segment on disk (written, not counting what is staged). */
    private long written;

    private boolean unforced;

    private boolean rollBeforeNextWrite;

    private final Writeback writeback = new Writeback();

    private long sinceWriteback;

    /** Bytes written to segments since the store opened: records and the headers of new segments. */
    private long appendedBytes;

    SegmentWriter(
            Path directory,
            Segment active,
            boolean fsync,
            boolean mapped,
            long maxSegmentBytes,
            FileStoreIndex index,
            Consumer<Segment> newSegments) {
        this.directory = directory;
        this.index = index;
        this.mapped = mapped;
        this.active = active;
        this.written = active.length();
        this.fsync = fsync;
        this.maxSegmentBytes = maxSegmentBytes;
        this.newSegments = newSegments;
    }

    /**
     * Appends one record per node, in order.
     *
     * @return the location of each node's record
     * @throws StoreException if writing fails; none of the returned locations may then be used
     */
    long[] append(List<StoredNode> nodes) {
        boolean interrupted = Thread.interrupted();
        Segment first = active;
        long firstStart = written;
        try {
            if (rollBeforeNextWrite) {
                roll();
                first = active;
                firstStart = written;
            }
            long[] locations = new long[nodes.size()];
            for (int i = 0; i < locations.length; i++) {
                locations[i] = append(nodes.get(i));
            }
            drain();
            return locations;
        } catch (IOException ex) {
            interrupted |= Thread.interrupted();
            recover((active == first) ? firstStart : SEGMENT_HEADER_BYTES);
            throw new StoreException(
                    "Writing " + nodes.size() + " nodes to " + active.path + " failed: " + ex
                            + ". The batch was not stored; check free disk space and permissions of " + directory,
                    ex);
        } finally {
            staging.clear();
            batch.clear();
            if (backs.length > KEPT_BACKS) { // a node of many children (a root of 80,000) was written
                backs = new long[KEPT_BACKS];
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long append(StoredNode node) throws IOException {
        int children = node.children().size();
        long position = written + staging.position();
        long references = references(node, position);
        long bytes = SegmentFormat.recordBytes(children, references, node.data().length);
        if (position > SEGMENT_HEADER_BYTES && position + bytes > maxSegmentBytes) {
            drain();
            roll();
            position = written;
            references = references(node, position);
            bytes = SegmentFormat.recordBytes(children, references, node.data().length);
        }
        if (bytes > staging.remaining()) {
            drain(); // the record's position in the file stays what it was
        }
        long location = SegmentFormat.location(active.id, position, bytes);
        if (bytes <= staging.capacity()) {
            SegmentFormat.putHeader(staging, node, backs, references);
            staging.put(node.data());
        } else {
            ByteBuffer header =
                    ByteBuffer.allocate(Math.toIntExact(SegmentFormat.MAX_RECORD_HEADER_BYTES + references));
            SegmentFormat.putHeader(header, node, backs, references);
            write(header.flip());
            write(ByteBuffer.wrap(node.data()));
        }
        batch.put(node.key(), location);
        return location;
    }

    /**
     * Decides how the record to be written at {@code position} refers to each child: back to its
     * record if that is earlier in the active segment, else by key; fills {@link #backs}.
     *
     * @return the length of the references
     */
    private long references(StoredNode node, long position) {
        List<DataKey> children = node.children();
        if (backs.length < children.size()) {
            backs = new long[children.size()];
        }
        for (int i = 0; i < children.size(); i++) {
            DataKey child = children.get(i);
            long location = batch.get(child);
            if (location == 0) {
                location = index.find(child);
            }
            boolean back = location != 0
                    && SegmentFormat.segmentId(location) == active.id
                    && SegmentFormat.offset(location) < position;
            backs[i] = back ? position - SegmentFormat.offset(location) : 0;
        }
        return SegmentFormat.referenceBytes(backs, children.size());
    }

    private void drain() throws IOException {
        if (staging.position() > 0) {
            staging.flip();
            write(staging);
            staging.clear();
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        FileChannel channel = active.channel();
        long start = written;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, written);
        }
        active.length(written);
        appendedBytes += written - start;
        unforced = true;
        if (fsync) {
            sinceWriteback += written - start;
            if (sinceWriteback >= WRITEBACK_BYTES) {
                writeback.start(() -> channel.force(false));
                sinceWriteback = 0;
            }
        }
    }

    private void roll() throws IOException {
        if (active.id >= SegmentFormat.MAX_SEGMENT_ID) {
            throw new IOException(
                    "the store has reached the maximum of " + SegmentFormat.MAX_SEGMENT_ID + " segment files");
        }
        if (fsync && unforced) {
            writeback.await();
            active.channel().force(false);
        }
        Segment next = Segment.create(directory, active.id + 1, fsync, mapped, index);
        appendedBytes += next.length();
        newSegments.accept(next);
        active = next;
        written = next.length();
        unforced = false;
        rollBeforeNextWrite = false;
    }

    private void recover(long goodLength) {
        try {
            active.reopenIfClosed();
            active.channel().truncate(goodLength);
            written = goodLength;
            active.length(goodLength);
        } catch (IOException | RuntimeException ex) {
            rollBeforeNextWrite = true;
        }
    }

    /** Forces written records to the disk when the store was opened with fsync. */
    void flush() {
        if (!fsync || !unforced) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            writeback.await();
            active.channel().force(false);
            unforced = false;
            sinceWriteback = 0;
        } catch (IOException ex) {
            throw new StoreException(
                    "Forcing " + active.path + " to disk failed: " + ex + ". Check the disk; recent writes may "
                            + "not survive a power failure.",
                    ex);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Segment active() {
        return active;
    }

    /**
     * Starts a new segment, so that the active one is sealed and can be rewritten.
     *
     * @throws StoreException if the new segment cannot be created
     */
    void seal() {
        try {
            roll();
        } catch (IOException ex) {
            rollBeforeNextWrite = true;
            throw new StoreException(
                    "Starting a new segment after " + active.path + " failed: " + ex + ". Check free disk space and "
                            + "permissions of " + directory,
                    ex);
        }
    }

    /** Returns the bytes written to segments since the store opened: records and new segments' headers. */
    long appendedBytes() {
        return appendedBytes;
    }

    /** Stops the background force's thread; call after the last {@link #flush()}. */
    void close() {
        writeback.close();
    }
}
