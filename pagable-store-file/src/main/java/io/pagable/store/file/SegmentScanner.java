package io.pagable.store.file;

import static io.pagable.store.file.SegmentFormat.SEGMENT_HEADER_BYTES;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.file.SegmentFormat.RecordHeader;
import io.pagable.store.file.SegmentFormat.RecordKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.zip.CRC32C;

/**
 * Reads a segment from start to end when a store opens, checking every record's checksum and
 * deriving its key and reporting each intact record to a {@link Sink}. Where a record is damaged (a
 * crash cut it short, or its bytes changed), the scanner searches forward for the next intact record
 * and goes on from there. What it finds tells the store whether
 * the segment ends in a torn write (safe to cut off) or is damaged in the middle (left as it is).
 */
final class SegmentScanner {

    /** Receives each intact record. */
    interface Sink {
        /**
         * Receives one intact record.
         *
         * @param recordBytes the record's length on disk
         * @param storedBytes its child keys and data, as {@link StoredNode#storedSize()} counts them
         */
        void record(long high, long low, long offset, long recordBytes, long storedBytes);
    }

    /**
     * What a scan found.
     *
     * @param validEnd the end of the last intact record
     * @param fileLength the segment's length on disk
     * @param damagedInside whether damaged bytes lie before {@code validEnd}
     */
    record Result(long validEnd, long fileLength, boolean damagedInside) {

        boolean tornTail() {
            return validEnd < fileLength;
        }
    }

    private static final int WINDOW_BYTES = 1 << 20;

    private final Segment segment;

    private final long fileLength;

    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES);

    private long windowStart = -1;

    private final MessageDigest digest = SegmentFormat.sha256();

    /** The header check's, tried at every position of a damaged stretch, then the record's checksum. */
    private final CRC32C headerCheck = new CRC32C();

    /** The key of the record {@link #intactRecordAt} found last. */
    private DataKey foundKey = DataKey.of(0, 0);

    /** The stored bytes of the record {@link #intactRecordAt} found last. */
    private long foundStoredBytes;

    /** The keys of the records found so far, for back-references to children. */
    private final RecordKeys keys;

    /** Child references read, looked up and digested together. */
    private static final int GROUP = 64;

    /** A group of a record's child references. */
    private final ChildReferences group = new ChildReferences(GROUP);

    private SegmentScanner(Segment segment, RecordKeys keys) {
        this.segment = segment;
        this.fileLength = segment.length();
        this.keys = keys;
    }

    /**
     * Scans a segment.
     *
     * @param keys the keys of the records found so far (this segment's included, as the sink gets
     *     them), which back-references to children are read with
     */
    static Result scan(Segment segment, RecordKeys keys, Sink sink) throws IOException {
        return new SegmentScanner(segment, keys).scan(sink);
    }

    /**
     * Checks a segment's header.
     *
     * @return false if the file is too short to hold one (a crash while creating it)
     * @throws StoreException if the file is not a segment of a version this code reads
     */
    static boolean checkHeader(Segment segment) throws IOException {
        if (segment.length() < SEGMENT_HEADER_BYTES) {
            return false;
        }
        ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        segment.readFully(header, 0);
        header.flip();
        if (header.getLong() != SegmentFormat.SEGMENT_MAGIC) {
            throw new StoreException(segment.path + " is not a pagable segment file. Move files that are not "
                    + "pagable's out of the store's directory, or use another directory.");
        }
        int version = header.getInt();
        if (version == 1 || version == 2) {
            throw new StoreException(segment.path + " is a segment of format version " + version + ", written by a "
                    + "development build of pagable; this version reads format " + SegmentFormat.FORMAT_VERSION
                    + " only and does not convert (no release wrote format " + version + "). Delete the directory "
                    + segment.path.getParent() + " or give the store a new one; the application pages its data out "
                    + "again.");
        }
        if (version != SegmentFormat.FORMAT_VERSION) {
            throw new StoreException(segment.path + " has format version " + version + ", but this pagable reads "
                    + "version " + SegmentFormat.FORMAT_VERSION + ". Open the directory with the pagable version "
                    + "that wrote it.");
        }
        return true;
    }

    private Result scan(Sink sink) throws IOException {
        long position = SEGMENT_HEADER_BYTES;
        long validEnd = position;
        boolean damagedInside = false;
        while (position < fileLength) {
            long bytes = intactRecordAt(position);
            if (bytes < 0) {
                long next = nextIntactRecord(position + 1);
                if (next < 0) {
                    break;
                }
                damagedInside = true;
                position = next;
                continue;
            }
            sink.record(foundKey.high(), foundKey.low(), position, bytes, foundStoredBytes);
            position += bytes;
            validEnd = position;
        }
        return new Result(validEnd, fileLength, damagedInside);
    }

    /**
     * Checks the record at a position: its header, its checksum and the key derived from its child
     * keys (a back-reference's from the record it leads to) and data, which is left in
     * {@link #foundKey}.
     *
     * @return the record's length in bytes, or -1 if no intact record starts there (or one whose
     *     back-reference leads to no record found)
     */
    private long intactRecordAt(long position) throws IOException {
        int available = (int) Math.min(SegmentFormat.MAX_RECORD_HEADER_BYTES, fileLength - position);
        if (available < SegmentFormat.MIN_RECORD_BYTES) {
            return -1;
        }
        ByteBuffer head = bytes(position, available);
        RecordHeader header = RecordHeader.parse(head, position(position), available, headerCheck);
        if (header == null || position + header.recordBytes() > fileLength) {
            return -1;
        }
        long bodyStart = position + header.headerBytes();
        long end = position + header.recordBytes();
        SegmentFormat.startKey(digest, header.childCount());
        long referenceEnd = digestChildKeys(position, bodyStart, header.childCount(), end);
        if (referenceEnd < 0) {
            return -1;
        }
        CRC32C crc = headerCheck; // holds the varints already: where the checksum starts
        update(crc, bodyStart, referenceEnd, false);
        long dataLength = end - referenceEnd;
        SegmentFormat.keyDataLength(digest, (int) dataLength);
        update(crc, referenceEnd, end, true);
        DataKey key = SegmentFormat.finishKey(digest);
        SegmentFormat.updateWithKey(crc, key.high(), key.low());
        if ((int) crc.getValue() != header.checksum()) {
            return -1;
        }
        foundKey = key;
        foundStoredBytes = (long) header.childCount() * DataKey.LENGTH + dataLength;
        return header.recordBytes();
    }

    /**
     * Reads the child references of the record at {@code position}, whose body runs from
     * {@code bodyStart} to {@code end}, adding each child's key to the key's digest.
     *
     * @return where the references end, or -1 if one is malformed, runs past the body or leads to no
     *     record found
     */
    private long digestChildKeys(long position, long bodyStart, int childCount, long end) throws IOException {
        long at = bodyStart;
        for (int from = 0; from < childCount; from += GROUP) { // in groups: a damaged header may claim millions
            group.clear();
            for (int i = from; i < Math.min(childCount, from + GROUP); i++) {
                int available = (int) Math.min(SegmentFormat.MAX_REFERENCE_BYTES, end - at);
                if (available <= 0) {
                    return -1;
                }
                ByteBuffer window = bytes(at, available);
                int length = group.read(window, position(at), available, segment.id, position);
                if (length < 0) {
                    return -1;
                }
                at += length;
            }
            if (!group.resolve(keys)) {
                return -1;
            }
            digest.update(group.keyBytes(), 0, group.keyByteCount());
        }
        return at;
    }

    /**
     * Adds the file's bytes from {@code from} to {@code to} to the checksum and, if {@code digestToo},
     * to the key's digest.
     */
    private void update(CRC32C crc, long from, long to, boolean digestToo) throws IOException {
        for (long at = from; at < to; ) {
            int chunk = (int) Math.min(WINDOW_BYTES, to - at);
            ByteBuffer range =
                    bytes(at, chunk).duplicate().position(position(at)).limit(position(at) + chunk);
            crc.update(range.duplicate());
            if (digestToo) {
                digest.update(range);
            }
            at += chunk;
        }
    }

    /**
     * Searches for the next intact record from a position on; the header check rules out almost
     * every position at once, so only a few are hashed and checked in full.
     */
    private long nextIntactRecord(long from) throws IOException {
        for (long position = from; position + SegmentFormat.MIN_RECORD_BYTES <= fileLength; position++) {
            if (intactRecordAt(position) > 0) {
                return position;
            }
        }
        return -1;
    }

    /** Makes {@code length} bytes from {@code position} available in the window and returns it. */
    private ByteBuffer bytes(long position, int length) throws IOException {
        if (windowStart < 0 || position < windowStart || position + length > windowStart + window.limit()) {
            window.clear();
            window.limit((int) Math.min(WINDOW_BYTES, fileLength - position));
            segment.readFully(window, position);
            window.flip();
            windowStart = position;
        }
        return window;
    }

    private int position(long filePosition) {
        return (int) (filePosition - windowStart);
    }
}
