package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import io.pagable.store.file.SegmentFormat.RecordHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The positional read path of one {@link Segment}: reads a record, or a run of neighbouring records,
 * with positional reads of the segment's channel (through {@link Segment#reading}, so that they
 * survive interrupts) and decodes it. Every node it returns is whole, within the segment's published
 * length and passed by {@link RecordCheck}; a record cut short, with no intact header, with
 * malformed child references or claiming more bytes than the segment holds is a
 * {@link CorruptDataException} naming the key, and a failing read a {@link StoreException} naming the
 * key, the file and the offset. Holds no state of its own: safe for concurrent reads.
 */
final class PositionalRecordReader {

    /** Bytes read at first when the record's length is not known: it is then at least 4 KiB. */
    private static final int FIRST_READ_BYTES = 4 * 1024;

    private final Segment segment;

    private final RecordCheck check;

    PositionalRecordReader(Segment segment, RecordCheck check) {
        this.segment = segment;
        this.check = check;
    }

    /**
     * Reads the record at {@code offset} with positional reads and checks that it is whole, intact
     * and stored under {@code key}.
     *
     * @param recordBytesHint the record's length if the index knows it (small records), else 0
     * @throws CorruptDataException naming the key if it is not
     */
    StoredNode read(DataKey key, long offset, int recordBytesHint) {
        try {
            return segment.reading(() -> readRecord(key, offset, recordBytesHint));
        } catch (IOException ex) {
            throw check.readFailed(key, offset, ex);
        }
    }

    private StoredNode readRecord(DataKey key, long offset, int recordBytesHint) throws IOException {
        long end = segment.length();
        if (offset + SegmentFormat.MIN_RECORD_BYTES > end) {
            throw check.corrupt(key, offset, "the record header lies beyond the segment's end at " + end, null);
        }
        int firstRead = (recordBytesHint >= SegmentFormat.MIN_RECORD_BYTES) ? recordBytesHint : FIRST_READ_BYTES;
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(firstRead, end - offset));
        segment.readAtLeast(head, offset, SegmentFormat.MIN_RECORD_BYTES);
        head.flip();
        return decode(key, head, offset, end);
    }

    /**
     * Reads the records of a run of keys whose records lie close together, in the order of their
     * offsets, with one positional read from the first record's start to the last record's end. A
     * record the run's bytes do not hold whole is read alone ({@link Segment#read}), which names its
     * key if it is damaged.
     *
     * @param offsets the records' offsets, ascending
     * @param ends where each record ends (its offset plus its length, known from the index)
     */
    StoredNode[] readRun(DataKey[] keys, long[] offsets, long[] ends) {
        int count = keys.length;
        long first = offsets[0];
        long last = ends[count - 1];
        ByteBuffer run = ByteBuffer.allocate((int) (last - first));
        try {
            segment.reading(() -> {
                segment.readFully(run.clear(), first);
                return run;
            });
        } catch (IOException ex) {
            // The file ends inside the run (or the read failed): read one by one, which names the key.
            return segment.readEach(keys, offsets, ends);
        }
        StoredNode[] nodes = new StoredNode[count];
        for (int i = 0; i < count; i++) {
            ByteBuffer record = run.duplicate()
                    .position((int) (offsets[i] - first))
                    .limit((int) (ends[i] - first))
                    .slice();
            try {
                nodes[i] = decode(keys[i], record, offsets[i], segment.length());
            } catch (IOException ex) {
                // The record claims more bytes than the index knew of: read it alone, which reports why.
                nodes[i] = segment.read(keys[i], offsets[i], (int) (ends[i] - offsets[i]));
            }
        }
        return nodes;
    }

    /**
     * Decodes the record whose first bytes {@code head} holds (from position 0; the rest is read from
     * the file) and checks that it is whole, intact and stored under {@code key}.
     */
    private StoredNode decode(DataKey key, ByteBuffer head, long offset, long end) throws IOException {
        CRC32C crc = new CRC32C(); // the header check's, over the varints: where the checksum starts
        RecordHeader header = RecordHeader.parse(head, 0, head.limit(), crc);
        if (header == null) {
            throw check.corrupt(key, offset, "no intact record header starts there", null);
        }
        if (offset + header.recordBytes() > end) {
            throw check.corrupt(
                    key,
                    offset,
                    "the record claims " + header.childCount() + " children and a body of " + header.bodyLength()
                            + " bytes, more than the segment holds",
                    null);
        }
        byte[] body = new byte[header.bodyLength()];
        head.position(header.headerBytes());
        fill(head, body, offset + header.headerBytes());
        ChildReferences children = RecordCheck.references(header);
        int referenceBytes = (children == null)
                ? 0
                : children.readAll(ByteBuffer.wrap(body), 0, body.length, header.childCount(), segment.id, offset);
        if (referenceBytes < 0) {
            throw check.corrupt(key, offset, "its child references are malformed or run past its body", null);
        }
        crc.update(body, 0, referenceBytes);
        return check.checked(key, offset, crc, header, children, Arrays.copyOfRange(body, referenceBytes, body.length));
    }

    /**
     * Fills {@code target}, whose bytes start at {@code fileOffset} (where the head buffer's position
     * is too), from the head buffer as far as it reaches and from the file for the rest.
     */
    private void fill(ByteBuffer head, byte[] target, long fileOffset) throws IOException {
        int fromHead = Math.min(head.remaining(), target.length);
        head.get(target, 0, fromHead);
        if (fromHead < target.length) {
            segment.readFully(ByteBuffer.wrap(target, fromHead, target.length - fromHead), fileOffset + fromHead);
        }
    }
}
