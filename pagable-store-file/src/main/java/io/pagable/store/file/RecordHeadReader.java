package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.store.file.SegmentFormat.RecordHeader;
import io.pagable.store.file.SegmentFormat.RecordKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Reads what the garbage collector needs of a record of one {@link Segment} without reading its data:
 * its header and its child references, which the format puts before the data ({@link SegmentFormat}),
 * from the memory map when it covers them, else with positional reads. The record's checksum covers
 * the data, so it is not checked here: what is checked is the header check (over the two varints),
 * that the references are well formed and end inside the body, and that every back-reference leads
 * to a record the store knows; anything else is a {@link CorruptDataException} naming the key. A
 * record damaged in a way that passes these (a flipped bit in a child's key) gives a wrong child:
 * its own node fails its checksum on every read, so what hangs from it alone was out of reach
 * already. Holds no state of its own: safe for concurrent reads.
 */
final class RecordHeadReader {

    /** Bytes read at first when the index does not know the record's length. */
    private static final int FIRST_READ_BYTES = 512;

    /**
     * The head of one record.
     *
     * @param children the child keys, in order
     * @param storedSize the node's stored size ({@link io.pagable.store.StoredNode#storedSize()})
     * @param recordBytes the record's length in the segment
     */
    record RecordHead(List<DataKey> children, long storedSize, long recordBytes) {}

    private final Segment segment;

    private final RecordCheck check;

    private final RecordKeys keys;

    RecordHeadReader(Segment segment, RecordCheck check, RecordKeys keys) {
        this.segment = segment;
        this.check = check;
        this.keys = keys;
    }

    /**
     * Reads the head of the record at {@code offset}.
     *
     * @param recordBytesHint the record's length if the index knows it (small records), else 0
     * @throws CorruptDataException naming the key if the header or the references are not intact
     */
    RecordHead read(DataKey key, long offset, int recordBytesHint) {
        long end = segment.length();
        if (offset + SegmentFormat.MIN_RECORD_BYTES > end) {
            throw check.corrupt(key, offset, "the record header lies beyond the segment's end at " + end, null);
        }
        int first = (int) Math.min(end - offset, (recordBytesHint > 0) ? recordBytesHint : FIRST_READ_BYTES);
        try {
            ByteBuffer head = bytes(offset, first);
            RecordHeader header = RecordHeader.parse(head, 0, head.limit(), new CRC32C());
            if (header == null || offset + header.recordBytes() > end) {
                throw check.corrupt(key, offset, "no intact record header starts there", null);
            }
            int referenceLimit =
                    (int) Math.min(header.bodyLength(), (long) header.childCount() * SegmentFormat.MAX_REFERENCE_BYTES);
            ChildReferences children = new ChildReferences(Math.min(header.childCount(), 16));
            int referenceBytes = 0;
            if (header.childCount() > 0) {
                ByteBuffer references = (header.headerBytes() + referenceLimit <= head.limit())
                        ? head.position(header.headerBytes()).slice()
                        : bytes(offset + header.headerBytes(), referenceLimit);
                referenceBytes =
                        children.readAll(references, 0, referenceLimit, header.childCount(), segment.id, offset);
            }
            if (referenceBytes < 0) {
                throw check.corrupt(key, offset, "its child references are malformed or run past its body", null);
            }
            if (!children.resolve(keys)) {
                throw check.corrupt(
                        key, offset, "a child's back-reference does not lead to a record the store holds", null);
            }
            long storedSize = (long) header.childCount() * DataKey.LENGTH + header.bodyLength() - referenceBytes;
            return new RecordHead(children.keys(), storedSize, header.recordBytes());
        } catch (IOException ex) {
            throw check.readFailed(key, offset, ex);
        }
    }

    /**
     * Returns {@code length} bytes from {@code position}, from position 0 of the buffer: a copy out
     * of the memory map if it covers them (the map itself is read only by single values and bulk
     * copies, which the JVM turns a fault into an error for), else read positionally.
     */
    private ByteBuffer bytes(long position, int length) throws IOException {
        ByteBuffer copy = ByteBuffer.allocate(length);
        @Nullable ByteBuffer map = segment.mapCovering(position + length);
        if (map != null) {
            try {
                return copy.put(0, map, (int) position, length);
            } catch (InternalError ex) {
                segment.mapFaulted();
            }
        }
        segment.reading(() -> {
            segment.readFully(copy.clear(), position);
            return copy;
        });
        return copy.flip();
    }
}
