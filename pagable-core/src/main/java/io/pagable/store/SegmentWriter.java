package io.pagable.store;

import static io.pagable.store.SegmentFormat.SEGMENT_HEADER_BYTES;

import io.pagable.DataKey;
import io.pagable.StoreException;
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

    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES);

    private Segment active;

    /** Bytes of the active segment on disk (written, not counting what is staged). */
    private long written;

    private boolean unforced;

    private boolean rollBeforeNextWrite;

    private final Writeback writeback = new Writeback();

    private long sinceWriteback;

    SegmentWriter(
            Path directory,
            Segment active,
            boolean fsync,
            boolean mapped,
            long maxSegmentBytes,
            Consumer<Segment> newSegments) {
        this.directory = directory;
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
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long append(StoredNode node) throws IOException {
        long bytes = SegmentFormat.recordBytes(node.children().size(), node.data().length);
        long position = written + staging.position();
        if (position > SEGMENT_HEADER_BYTES && position + bytes > maxSegmentBytes) {
            drain();
            roll();
            position = written;
        }
        if (bytes > staging.remaining()) {
            drain();
            position = written;
        }
        long location = SegmentFormat.location(active.id, position, bytes);
        if (bytes <= staging.capacity()) {
            SegmentFormat.putHeader(staging, node);
            staging.put(node.data());
        } else {
            ByteBuffer header = ByteBuffer.allocate(
                    SegmentFormat.MAX_RECORD_HEADER_BYTES + node.children().size() * DataKey.LENGTH);
            SegmentFormat.putHeader(header, node);
            write(header.flip());
            write(ByteBuffer.wrap(node.data()));
        }
        return location;
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
        Segment next = Segment.create(directory, active.id + 1, fsync, mapped);
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

    /** Stops the background force's thread; call after the last {@link #flush()}. */
    void close() {
        writeback.close();
    }
}
