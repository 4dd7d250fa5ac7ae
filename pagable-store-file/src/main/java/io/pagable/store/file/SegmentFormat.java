package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk format of the file store, version 3. Fixed-size numbers are big-endian; a varint is an
 * unsigned LEB128 number (7 bits per byte, least significant group first, the top bit set on every
 * byte but the last) in its shortest form.
 *
 * <pre>
 * segment file "segment-NNNNNNNN.dat":
 *   header   8 bytes  magic "PGBLSEG1"
 *            4 bytes  format version (3)
 *            4 bytes  reserved (0)
 *   records, back to back, until the end of the file
 *
 * record (8 bytes of framing for small records, at most 16):
 *   varint   child count c (1-5 bytes)
 *   varint   body length b: the child references and the data (1-5 bytes)
 *   2 bytes  header check: the low 16 bits of CRC-32C over the two varints' bytes
 *   4 bytes  checksum: CRC-32C over the two varints' bytes, the body and then the record's key
 *            (16 bytes, which are not stored)
 *   body     c child references, then the data (the rest of the body)
 *
 * child reference, one of:
 *   varint   r &gt; 0: a back-reference, the child is the record that starts r bytes before this
 *            record, in the same segment (1-5 bytes)
 *   varint   0, then the child's key (16 bytes): any other child
 * </pre>
 *
 * <p>Most children are stored before their parents in the same segment (a drain writes a node's
 * children first, and content addressing stores a shared node once), so most references are
 * back-references of 2-4 bytes instead of 16-byte keys. A reader turns a back-reference into the
 * key with the index ({@link FileStoreIndex#keysAt}); a store opening derives the keys of the records
 * it scans in order, so a child's key is known before its parents'. A record whose back-reference
 * does not lead to an intact record (one lost to damage) cannot be keyed, and is lost with it.
 *
 * <p>The key is not stored: it is derived from the child keys and the data ({@link DataKey#compute}),
 * and the store derives it again for every record when it opens, to rebuild its index. A reader
 * that asks for a key includes that key in the checksum it checks, so a record at a location the
 * index gave for another key (or bytes changed under an open store) fail the check, as damaged
 * bytes do. The header check lets a scan that lost its way in damaged bytes test each following
 * position in constant time and hash and check in full only the few (one in 65,536) whose header
 * passes; a record found that way is whole, intact and under the key derived from it.
 *
 * <p>Format versions 1 and 2 (development versions that were never released; version 2 stored every
 * child's 16-byte key) are refused, naming the file.
 *
 * <p>A location in the index packs, from the top: the segment id (22 bits, from 1, so a location is
 * never 0), the record's offset in its segment (30 bits; records start below 1 GiB) and the record's
 * length when it is below 4 KiB (12 bits; 0 for longer records), so that small records are read
 * with one exact read.
 */
final class SegmentFormat {

    static final long SEGMENT_MAGIC = 0x5047424C53454731L; // "PGBLSEG1"

    static final int FORMAT_VERSION = 3;

    static final int SEGMENT_HEADER_BYTES = 16;

    /** The shortest record: one byte per varint, the header check and the checksum. */
    static final int MIN_RECORD_BYTES = 8;

    /** The longest record header: two 5-byte varints, the header check and the checksum. */
    static final int MAX_RECORD_HEADER_BYTES = 16;

    /** The longest child reference: a 0 and a key. */
    static final int MAX_REFERENCE_BYTES = 1 + DataKey.LENGTH;

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
     * @param childCount the number of child references
     * @param bodyLength the number of bytes of the child references and the data
     * @param headerBytes the bytes of the header (varints, header check and checksum)
     * @param checksum the stored checksum
     */
    record RecordHeader(int childCount, int bodyLength, int headerBytes, int checksum) {

        /** Returns the record's length: header and body. */
        long recordBytes() {
            return headerBytes + (long) bodyLength;
        }

        /** Returns the length of the two varints, the bytes the checksum starts with. */
        int varintBytes() {
            return headerBytes - 6;
        }

        /**
         * Reads a record header at {@code at} in {@code buffer}, of which {@code available} bytes
         * belong to the file. A scan that lost its way in damaged bytes tries this at every position,
         * so it allocates nothing: the header check is computed with the caller's {@code crc}, which
         * it resets first (and which a reader goes on using for the record's checksum).
         *
         * @return the header, or {@code null} if no well-formed header with a matching header check
         *     starts there (including when the bytes end inside it)
         */
        static @Nullable RecordHeader parse(ByteBuffer buffer, int at, int available, CRC32C crc) {
            long childCount = readVarint(buffer, at, Math.min(available, 5));
            if (childCount < 0 || childCount > Integer.MAX_VALUE) {
                return null;
            }
            int childBytes = varintLength(childCount);
            long bodyLength = readVarint(buffer, at + childBytes, Math.min(available - childBytes, 5));
            if (bodyLength < childCount || bodyLength > Integer.MAX_VALUE) {
                return null;
            }
            int varints = childBytes + varintLength(bodyLength);
            if (available < varints + 6) {
                return null;
            }
            crc.reset();
            updateWithBytes(crc, buffer, at, varints);
            if (buffer.getShort(at + varints) != (short) crc.getValue()) {
                return null;
            }
            return new RecordHeader((int) childCount, (int) bodyLength, varints + 6, buffer.getInt(at + varints + 2));
        }
    }

    /** Finds the keys of records by their locations: how back-references are read. */
    @FunctionalInterface
    interface RecordKeys {

        /**
         * Returns the keys of the records at many locations (a record's children, looked up together
         * so that an implementation may overlap their memory reads).
         *
         * @param locations the records' locations; a record length in them is ignored
         * @param keys receives each key, or null where no intact record is known to start
         */
        void keysAt(long[] locations, int count, @Nullable DataKey[] keys);
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

    /** Returns the location without the record length it may hold: the record's segment and offset. */
    static long withoutLength(long location) {
        return location & ~((1L << LENGTH_BITS) - 1);
    }

    /** Returns the header's length for a record of {@code childCount} children and a body of {@code bodyLength} bytes. */
    static int headerBytes(int childCount, int bodyLength) {
        return varintLength(childCount) + varintLength(bodyLength) + 6;
    }

    /**
     * Returns the longest a record of {@code childCount} children and {@code dataLength} data bytes
     * can be: its length when every child is referred to by key (no back-references), which is its
     * length when it has no children.
     */
    static long recordBytes(int childCount, int dataLength) {
        return recordBytes(childCount, (long) childCount * MAX_REFERENCE_BYTES, dataLength);
    }

    /** Returns the length of a record whose child references take {@code referenceBytes}. */
    static long recordBytes(int childCount, long referenceBytes, int dataLength) {
        long body = referenceBytes + dataLength;
        return varintLength(childCount) + varintLength(body) + 6 + body;
    }

    /**
     * Returns the length of a record's child references, {@code backs[i]} being how far before the
     * record child {@code i}'s record starts, or 0 to refer to it by key.
     */
    static long referenceBytes(long[] backs, int childCount) {
        long bytes = 0;
        for (int i = 0; i < childCount; i++) {
            bytes += (backs[i] > 0) ? varintLength(backs[i]) : MAX_REFERENCE_BYTES;
        }
        return bytes;
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
     * Writes a record's header and child references into {@code buffer}, with the checksum over them,
     * the data and the key, and leaves the buffer positioned after the references (the data is not
     * copied).
     *
     * @param backs for each child, how far before this record its record starts, or 0 to refer to it
     *     by key
     * @param referenceBytes {@link #referenceBytes(long[], int)} of {@code backs}
     */
    static void putHeader(ByteBuffer buffer, StoredNode node, long[] backs, long referenceBytes) {
        int start = buffer.position();
        List<DataKey> children = node.children();
        putVarint(buffer, children.size());
        putVarint(buffer, referenceBytes + node.data().length);
        int varints = buffer.position() - start;
        CRC32C crc = new CRC32C();
        updateWithBytes(crc, buffer, start, varints);
        buffer.putShort((short) crc.getValue()).putInt(0);
        int referenceStart = buffer.position();
        for (int i = 0; i < children.size(); i++) {
            if (backs[i] > 0) {
                putVarint(buffer, backs[i]);
            } else {
                DataKey child = children.get(i);
                buffer.put((byte) 0).putLong(child.high()).putLong(child.low());
            }
        }
        if (!children.isEmpty()) { // over the buffer's own bytes, not a view of them
            int referenceEnd = buffer.position();
            int limit = buffer.limit();
            crc.update(buffer.position(referenceStart).limit(referenceEnd));
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

    static void putVarint(ByteBuffer buffer, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
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
