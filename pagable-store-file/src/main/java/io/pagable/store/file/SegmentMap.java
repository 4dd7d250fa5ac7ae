package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import io.pagable.store.file.SegmentFormat.RecordHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The memory-mapped read path of one {@link Segment}: with mapping on, records are read from a
 * read-only memory map of the file rather than with a positional read each (a system call per
 * record). The map covers the file as far as it was written when it was made; a record beyond it is
 * read with a positional read until the part written since is worth mapping again
 * ({@link #REMAP_BYTES}, or a quarter of what is mapped). A map never reaches beyond 2 GiB (a
 * {@link MappedByteBuffer}'s limit) nor beyond what the writer published; records past that are read
 * positionally. {@link #drop()} (when the segment closes) lets go of the map; the operating system
 * releases it when the garbage collector frees the buffer (Java 17 has no safe way to unmap while
 * another thread may still be reading it).
 *
 * <p>It guarantees that a read from the map either returns a node that {@link RecordCheck} passed,
 * throws the {@link CorruptDataException} that the check raises (a checksum that does not match, a
 * back-reference to no record), or returns null, so that a positional read reads the record and
 * reports what is wrong: where the map does not cover the record, its header or child references
 * are not intact, or the map faulted (another program cut the file short under it; the segment is
 * read positionally from then on). A new map is made only under the segment's monitor, which
 * {@link Segment#close()} holds too, and never once the segment is closed.
 */
final class SegmentMap {

    /** The least written and not yet mapped part of a segment that is mapped again. */
    static final int REMAP_BYTES = 1 << 20;

    private final Segment segment;

    private final boolean mapped;

    private final RecordCheck check;

    /** The memory map reads use: null until the first read, with mapping off, and once closed. */
    private volatile @Nullable MappedByteBuffer map;

    /** Whether the map faulted (the file was cut short under it): reads are positional from then on. */
    private volatile boolean mapFaulted;

    /**
     * Creates the (not yet made) map of a segment.
     *
     * @param mapped whether reads use a memory map of the file at all
     */
    SegmentMap(Segment segment, boolean mapped, RecordCheck check) {
        this.segment = segment;
        this.mapped = mapped;
        this.check = check;
    }

    /**
     * Stops using the map after a fault in it (another program cut the file short under it): this
     * segment is read positionally from then on, which reports the damage as such.
     */
    void fault() {
        mapFaulted = true;
        map = null;
    }

    /** Lets go of the map, when the segment closes (under its monitor). */
    void drop() {
        map = null;
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
    @Nullable
    StoredNode read(DataKey key, long offset, int leastBytes) {
        long end = segment.length();
        int headBytes = (int) Math.min(SegmentFormat.MAX_RECORD_HEADER_BYTES, end - offset);
        ByteBuffer bytes = covering(offset + Math.max(leastBytes, headBytes));
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
            bytes = covering(offset + header.recordBytes());
            if (bytes == null) {
                return null;
            }
            int bodyStart = at + header.headerBytes();
            ChildReferences children = RecordCheck.references(header);
            int referenceBytes = (children == null)
                    ? 0
                    : children.readAll(
                            bytes, bodyStart, bodyStart + header.bodyLength(), header.childCount(), segment.id, offset);
            if (referenceBytes < 0) {
                return null;
            }
            byte[] data = new byte[header.bodyLength() - referenceBytes];
            bytes.get(bodyStart + referenceBytes, data);
            crc.update(bytes.slice(bodyStart, referenceBytes)); // checksummed in place, not copied out
            return check.checked(key, offset, crc, header, children, data);
        } catch (InternalError ex) {
            fault();
            return null;
        }
    }

    /**
     * Returns the memory map if it covers the file up to {@code end}, mapping the file again if the
     * part written since the last map is worth it; null if mapping is off or {@code end} lies beyond
     * what can be mapped.
     */
    @Nullable
    ByteBuffer covering(long end) {
        MappedByteBuffer current = map;
        if (current != null && end <= current.capacity()) {
            return current;
        }
        if (!mapped || mapFaulted || end > segment.length()) {
            return null;
        }
        return remap(end);
    }

    private @Nullable ByteBuffer remap(long end) {
        synchronized (segment) {
            MappedByteBuffer current = map;
            int mappedBytes = (current == null) ? 0 : current.capacity();
            if (end <= mappedBytes) {
                return current;
            }
            long size = Math.min(segment.length(), Integer.MAX_VALUE);
            if (segment.isClosed()
                    || mapFaulted
                    || end > size
                    || (current != null && size - mappedBytes < Math.max(REMAP_BYTES, mappedBytes / 4))) {
                return null;
            }
            boolean interrupted = Thread.interrupted();
            // A channel of its own, read-only: mapping beyond the end of a writable channel's file would
            // extend the file. The map stays valid once the channel is closed.
            try (FileChannel readOnly = FileChannel.open(segment.path, StandardOpenOption.READ)) {
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
    }
}
