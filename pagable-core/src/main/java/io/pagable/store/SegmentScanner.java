package io.pagable.store;

import static io.pagable.store.SegmentFormat.CHECKSUM_START;
import static io.pagable.store.SegmentFormat.RECORD_HEADER_BYTES;
import static io.pagable.store.SegmentFormat.RECORD_MAGIC;
import static io.pagable.store.SegmentFormat.SEGMENT_HEADER_BYTES;

import io.pagable.DataKey;
import io.pagable.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a segment from start to end when a store opens, checking every record's checksum and
 * reporting each intact record to a {@link Sink}. Where a record is damaged (a crash cut it short,
 * or its bytes changed), the scanner searches forward for the next intact record and goes on from
 * there; a record found that way must also hash to its key. What it finds tells the store whether
 * the segment ends in a torn write (safe to cut off) or is damaged in the middle (left as it is).
 */
final class SegmentScanner {

    /** Receives each intact record. */
    interface Sink {
        void record(long high, long low, long offset, long storedBytes);
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

    private static final int MAX_CHILDREN = Integer.MAX_VALUE / DataKey.LENGTH;

    private final Segment segment;

    private final long fileLength;

    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES);

    private long windowStart = -1;

    private SegmentScanner(Segment segment) {
        this.segment = segment;
        this.fileLength = segment.length();
    }

    static Result scan(Segment segment, Sink sink) throws IOException {
        return new SegmentScanner(segment).scan(sink);
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
            long bytes = intactRecordAt(position, false);
            if (bytes < 0) {
                long next = nextIntactRecord(position + 1);
                if (next < 0) {
                    break;
                }
                damagedInside = true;
                position = next;
                continue;
            }
            ByteBuffer head = bytes(position, RECORD_HEADER_BYTES);
            long high = head.getLong(position(position) + 8);
            long low = head.getLong(position(position) + 16);
            sink.record(high, low, position, bytes - RECORD_HEADER_BYTES);
            position += bytes;
            validEnd = position;
        }
        return new Result(validEnd, fileLength, damagedInside);
    }

    /**
     * Checks the record at a position.
     *
     * @param verifyKey whether the record must also hash to its key
     * @return the record's length in bytes, or -1 if no intact record starts there
     */
    private long intactRecordAt(long position, boolean verifyKey) throws IOException {
        if (position + RECORD_HEADER_BYTES > fileLength) {
            return -1;
        }
        ByteBuffer head = bytes(position, RECORD_HEADER_BYTES);
        int at = position(position);
        int childCount = head.getInt(at + 24);
        int dataLength = head.getInt(at + 28);
        if (head.getInt(at) != RECORD_MAGIC
                || childCount < 0
                || childCount > MAX_CHILDREN
                || dataLength < 0
                || position + SegmentFormat.recordBytes(childCount, dataLength) > fileLength) {
            return -1;
        }
        int checksum = head.getInt(at + 4);
        long length = SegmentFormat.recordBytes(childCount, dataLength);
        CRC32C crc = new CRC32C();
        for (long from = position + CHECKSUM_START; from < position + length; ) {
            int chunk = (int) Math.min(WINDOW_BYTES, position + length - from);
            ByteBuffer range = bytes(from, chunk);
            crc.update(range.duplicate().position(position(from)).limit(position(from) + chunk));
            from += chunk;
        }
        if ((int) crc.getValue() != checksum) {
            return -1;
        }
        if (verifyKey && !hashesToKey(position, childCount, dataLength)) {
            return -1;
        }
        return length;
    }

    private boolean hashesToKey(long position, int childCount, int dataLength) throws IOException {
        ByteBuffer record = ByteBuffer.allocate((int) SegmentFormat.recordBytes(childCount, dataLength));
        segment.readFully(record, position);
        record.position(8);
        DataKey key = DataKey.of(record.getLong(), record.getLong());
        record.position(RECORD_HEADER_BYTES);
        List<DataKey> children = new ArrayList<>(childCount);
        for (int i = 0; i < childCount; i++) {
            children.add(DataKey.of(record.getLong(), record.getLong()));
        }
        byte[] data = new byte[dataLength];
        record.get(data);
        return DataKey.compute(data, children).equals(key);
    }

    /** Searches for the next intact record that hashes to its key, from a position on. */
    private long nextIntactRecord(long from) throws IOException {
        for (long position = from; position + RECORD_HEADER_BYTES <= fileLength; position++) {
            ByteBuffer head = bytes(position, 4);
            if (head.getInt(position(position)) == RECORD_MAGIC && intactRecordAt(position, true) > 0) {
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
