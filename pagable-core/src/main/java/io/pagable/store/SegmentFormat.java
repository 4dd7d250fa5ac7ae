package io.pagable.store;

import io.pagable.DataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk format of the file store, version 2. Fixed-size numbers are big-endian; a varint is an
 * unsigned LEB128 number (7 bits per byte, least significant group first, the top bit set on every
 * byte but the last) in its shortest form.
 *
 * <pre>
 * segment file "segment-NNNNNNNN.dat":
 *   header   8 bytes  magic "PGBLSEG1"
 *            4 bytes  format version (2)
 *            4 bytes  reserved (0)
 *   records, back to back, until the end of the file
 *
 * record (8 bytes of framing for small records, at most 15):
 *   varint   child count c (1-4 bytes)
 *   varint   data length d (1-5 bytes)
 *   2 bytes  header check: the low 16 bits of CRC-32C over the two varints' bytes
 *   4 bytes  checksum: CRC-32C over the two varints' bytes, the child keys, the data and then the
 *            record's key (16 bytes, which are not stored)
 *   16*c     child keys
 *   d        data
 * </pre>
 *
 * The key is not stored: it is derived from the child keys and the data ({@link DataKey#compute}),
 * and the store derives it again for every record when it opens, to rebuild its index. A reader
 * that asks for a key includes that key in the checksum it checks, so a record at a location the
 * index gave for another key (or bytes changed under an open store) fail the check, as damaged
 * bytes do. The header check lets a scan that lost its way in damaged bytes test each following
 * position in constant time and hash and check in full only the few (one in 65,536) whose header
 * passes; a record found that way is whole, intact and under the key derived from it.
 *
 * <p>Format version 1 (a development version that was never released) had a 32-byte record header
 * holding a record marker and the key; its files are refused, naming the file.
 *
 * <p>A location in the index packs, from the top: the segment id (22 bits, from 1, so a location is
 * never 0), the record's offset in its segment (30 bits; records start below 1 GiB) and the record's
 * length when it is below 4 KiB (12 bits; 0 for longer records), so that small records are read
 * with one exact read.
 */
final class SegmentFormat {

    static final long SEGMENT_MAGIC = 0x5047424C53454731L; // "PGBLSEG1"

    static final int FORMAT_VERSION = 2;

    static final int SEGMENT_HEADER_BYTES = 16;

    /** The shortest record: one byte per varint, the header check and the checksum. */
    static final int MIN_RECORD_BYTES = 8;

    /** The longest record header: a 4-byte and a 5-byte varint, the header check and the checksum. */
    static final int MAX_RECORD_HEADER_BYTES = 15;

    static final int MAX_CHILDREN = Integer.MAX_VALUE / DataKey.LENGTH;

    static final int MAX_SEGMENT_ID = (1 << 22) - 1;

    /** Records start below this offset: a segment is rolled over before it reaches it. */
    static final long MAX_SEGMENT_BYTES = 1L << 30;

    private static final int LENGTH_BITS = 12;

    private static final int OFFSET_BITS = 30;

    /** The key derivation's domain prefix, as {@link DataKey}'s documentation gives it. */
    private static final byte[] KEY_DOMAIN = "pagable.key.v1".getBytes(StandardCharsets.US_ASCII);

    private SegmentFormat() {}

    /**
     * The header of one record.
     *
     * @param childCount the number of child keys
     * @param dataLength the number of data bytes
     * @param headerBytes the bytes of the header (varints, header check and checksum)
     * @param checksum the stored checksum
     */
    record RecordHeader(int childCount, int dataLength, int headerBytes, int checksum) {

        /** Returns the record's length: header, child keys and data. */
        long recordBytes() {
            return headerBytes + (long) childCount * DataKey.LENGTH + dataLength;
        }

        /** Returns the length of the two varints, the bytes the checksum starts with. */
        int varintBytes() {
            return headerBytes - 6;
        }

        /**
         * Reads a record header at {@code at} in {@code buffer}, of which {@code available} bytes
         * belong to the file.
         *
         * @return the header, or {@code null} if no well-formed header with a matching header check
         *     starts there (including when the bytes end inside it)
         */
        static @Nullable RecordHeader parse(ByteBuffer buffer, int at, int available) {
            long childCount = readVarint(buffer, at, Math.min(available, 4));
            if (childCount < 0 || childCount > MAX_CHILDREN) {
                return null;
            }
            int childBytes = varintLength(childCount);
            long dataLength = readVarint(buffer, at + childBytes, Math.min(available - childBytes, 5));
            if (dataLength < 0 || dataLength > Integer.MAX_VALUE) {
                return null;
            }
            int varints = childBytes + varintLength(dataLength);
            if (available < varints + 6) {
                return null;
            }
            CRC32C crc = new CRC32C();
            updateWithBytes(crc, buffer, at, varints);
            if (buffer.getShort(at + varints) != (short) crc.getValue()) {
                return null;
            }
            return new RecordHeader((int) childCount, (int) dataLength, varints + 6, buffer.getInt(at + varints + 2));
        }
    }

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

    /** Returns the header's length for a record of {@code childCount} children and {@code dataLength} bytes. */
    static int headerBytes(int childCount, int dataLength) {
        return varintLength(childCount) + varintLength(dataLength) + 6;
    }

    static long recordBytes(int childCount, int dataLength) {
        return headerBytes(childCount, dataLength) + (long) childCount * DataKey.LENGTH + dataLength;
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
     * Writes a record's header and child keys into {@code buffer}, with the checksum over them, the
     * data and the key, and leaves the buffer positioned after the child keys (the data is not
     * copied).
     */
    static void putHeader(ByteBuffer buffer, StoredNode node) {
        int start = buffer.position();
        putVarint(buffer, node.children().size());
        putVarint(buffer, node.data().length);
        int varints = buffer.position() - start;
        CRC32C crc = new CRC32C();
        updateWithBytes(crc, buffer, start, varints);
        buffer.putShort((short) crc.getValue()).putInt(0);
        int childStart = buffer.position();
        for (DataKey child : node.children()) {
            buffer.putLong(child.high()).putLong(child.low());
        }
        if (!node.children().isEmpty()) { // over the buffer's own bytes, not a view of them
            int childEnd = buffer.position();
            int limit = buffer.limit();
            crc.update(buffer.position(childStart).limit(childEnd));
            buffer.limit(limit);
        }
        crc.update(node.data());
        updateWithKey(crc, node.key().high(), node.key().low());
        buffer.putInt(start + varints + 2, (int) crc.getValue());
    }

    /** Adds a key's 16 bytes, big-endian, to a checksum: the last thing a record's checksum covers. */
    static void updateWithKey(CRC32C crc, long high, long low) {
        for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            crc.update((int) (high >>> shift));
        }
        for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            crc.update((int) (low >>> shift));
        }
    }

    /**
     * Adds a few bytes of a buffer (a record's varints) to a checksum one by one: no view of the
     * buffer to allocate, and no checksum intrinsic reading a memory map directly (a fault there,
     * in a file cut short under the map, would end the JVM; a single-byte read reports it).
     */
    static void updateWithBytes(CRC32C crc, ByteBuffer buffer, int at, int length) {
        for (int i = 0; i < length; i++) {
            crc.update(buffer.get(at + i));
        }
    }

    /**
     * Starts the key derivation of {@link DataKey#compute} for a record (what comes before the child
     * keys); the caller adds the child keys, then {@link #keyDataLength}, then the data.
     */
    static void startKey(MessageDigest digest, int childCount) {
        digest.reset();
        digest.update(KEY_DOMAIN);
        digest.update(ByteBuffer.allocate(4).putInt(childCount).flip());
    }

    /** Adds the data length, which the key derivation puts between the child keys and the data. */
    static void keyDataLength(MessageDigest digest, int dataLength) {
        digest.update(ByteBuffer.allocate(8).putLong(dataLength).flip());
    }

    static DataKey finishKey(MessageDigest digest) {
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        return DataKey.of(hash.getLong(), hash.getLong());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    static void putVarint(ByteBuffer buffer, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            buffer.put((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        buffer.put((byte) rest);
    }

    static int varintLength(long value) {
        int length = 1;
        for (long rest = value >>> 7; rest != 0; rest >>>= 7) {
            length++;
        }
        return length;
    }

    /**
     * Reads a varint of at most {@code maxBytes} bytes.
     *
     * @return the value, or -1 if the bytes end first, it is longer or not in its shortest form
     */
    static long readVarint(ByteBuffer buffer, int at, int maxBytes) {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = buffer.get(at + i) & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return (b == 0 && i > 0) ? -1 : value;
            }
        }
        return -1;
    }
}
