package io.pagable.store;

import io.pagable.DataKey;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk format of the file store, version 1. All numbers are big-endian.
 *
 * <pre>
 * segment file "segment-NNNNNNNN.dat":
 *   header   8 bytes  magic "PGBLSEG1"
 *            4 bytes  format version (1)
 *            4 bytes  reserved (0)
 *   records, back to back, until the end of the file
 *
 * record:
 *   0   4 bytes  magic 0x50474E44 ("PGND")
 *   4   4 bytes  CRC-32C of every byte from offset 8 to the end of the record
 *   8  16 bytes  key
 *   24  4 bytes  child count c
 *   28  4 bytes  data length d
 *   32 16*c      child keys
 *   ..  d        data
 * </pre>
 *
 * A location in the index packs, from the top: the segment id (22 bits, from 1, so a location is
 * never 0), the record's offset in its segment (30 bits; records start below 1 GiB) and the record's
 * length when it is below 4 KiB (12 bits; 0 for longer records), so that small records are read
 * with one exact read.
 */
final class SegmentFormat {

    static final long SEGMENT_MAGIC = 0x5047424C53454731L; // "PGBLSEG1"

    static final int FORMAT_VERSION = 1;

    static final int SEGMENT_HEADER_BYTES = 16;

    static final int RECORD_MAGIC = 0x50474E44; // "PGND"

    static final int RECORD_HEADER_BYTES = 32;

    /** Offset in a record where the checksummed bytes start. */
    static final int CHECKSUM_START = 8;

    static final int MAX_SEGMENT_ID = (1 << 22) - 1;

    /** Records start below this offset: a segment is rolled over before it reaches it. */
    static final long MAX_SEGMENT_BYTES = 1L << 30;

    private static final int LENGTH_BITS = 12;

    private static final int OFFSET_BITS = 30;

    private SegmentFormat() {}

    static long location(int segmentId, long offset, long recordBytes) {
        long length = (recordBytes < (1 << LENGTH_BITS)) ? recordBytes : 0;
        return ((long) segmentId << (OFFSET_BITS + LENGTH_BITS)) | (offset << LENGTH_BITS) | length;
    }

    static int segmentId(long location) {
        return (int) (location >>> (OFFSET_BITS + LENGTH_BITS));
    }

    static long offset(long location) {
        return (location >>> LENGTH_BITS) & ((1L << OFFSET_BITS) - 1);
    }

    /** Returns the record's length if the location holds it, else 0. */
    static int recordBytesHint(long location) {
        return (int) (location & ((1 << LENGTH_BITS) - 1));
    }

    static long recordBytes(int childCount, int dataLength) {
        return RECORD_HEADER_BYTES + (long) childCount * DataKey.LENGTH + dataLength;
    }

    static String fileName(int segmentId) {
        return String.format("segment-%08d.dat", segmentId);
    }

    static ByteBuffer segmentHeader() {
        return ByteBuffer.allocate(SEGMENT_HEADER_BYTES)
                .putLong(SEGMENT_MAGIC)
                .putInt(FORMAT_VERSION)
                .putInt(0)
                .flip();
    }

    /**
     * Writes a record's header and child keys into {@code buffer}, with the checksum over them and
     * the data, and leaves the buffer positioned after the child keys (the data is not copied).
     */
    static void putHeader(ByteBuffer buffer, StoredNode node) {
        int start = buffer.position();
        buffer.putInt(RECORD_MAGIC).putInt(0);
        buffer.putLong(node.key().high()).putLong(node.key().low());
        buffer.putInt(node.children().size()).putInt(node.data().length);
        for (DataKey child : node.children()) {
            buffer.putLong(child.high()).putLong(child.low());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(start + CHECKSUM_START).limit(buffer.position()));
        crc.update(node.data());
        buffer.putInt(start + 4, (int) crc.getValue());
    }
}
