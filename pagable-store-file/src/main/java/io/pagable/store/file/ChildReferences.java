package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.file.SegmentFormat.RecordKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The child references of one record (see {@link SegmentFormat}), read one by one, then their
 * back-references turned into keys with one {@link RecordKeys#keysAt} call: the one reader of
 * references that a segment read, a positional read and the scan of a store opening share.
 *
 * <p>It grows as references are read rather than to the count a header claims, so damaged bytes
 * that claim millions of children cost nothing before they fail. Not thread-safe.
 */
final class ChildReferences {

    /** Each child's key, 16 bytes; a back-referenced child's once {@link #resolve} has looked it up. */
    private byte[] keys;

    private ByteBuffer keyView;

    /** Each child's record location if it is back-referenced, else 0. */
    private long[] backs;

    private int count;

    /** The keys looked up, by reference (null for those given by key). */
    private DataKey[] found = new DataKey[0];

    private boolean anyBack;

    ChildReferences(int capacity) {
        int initial = Math.max(1, capacity);
        keys = new byte[initial * DataKey.LENGTH];
        keyView = ByteBuffer.wrap(keys);
        backs = new long[initial];
    }

    /** Forgets the references read, keeping the room. */
    void clear() {
        count = 0;
        anyBack = false;
    }

    /**
     * Reads the child reference at {@code at} of {@code buffer} (only single values are read, so a
     * memory map may be the buffer), of which {@code available} bytes belong to the record's body.
     *
     * @param segmentId the record's segment
     * @param offset the record's offset in it, where back-references count from
     * @return the reference's length, or -1 if it is malformed, runs past the body or points before
     *     the segment's first record
     */
    int read(ByteBuffer buffer, int at, int available, int segmentId, long offset) {
        long back = SegmentFormat.readVarint(buffer, at, Math.min(5, available));
        if (back < 0) {
            return -1;
        }
        if (count == backs.length) {
            keys = Arrays.copyOf(keys, 2 * keys.length);
            keyView = ByteBuffer.wrap(keys);
            backs = Arrays.copyOf(backs, 2 * backs.length);
        }
        int slot = count * DataKey.LENGTH;
        if (back == 0) {
            if (available < SegmentFormat.MAX_REFERENCE_BYTES) {
                return -1;
            }
            keyView.putLong(slot, buffer.getLong(at + 1)).putLong(slot + Long.BYTES, buffer.getLong(at + 9));
            backs[count++] = 0;
            return SegmentFormat.MAX_REFERENCE_BYTES;
        }
        if (back > offset - SegmentFormat.SEGMENT_HEADER_BYTES) {
            return -1;
        }
        backs[count++] = SegmentFormat.location(segmentId, offset - back, 0);
        anyBack = true;
        return SegmentFormat.varintLength(back);
    }

    /**
     * Reads {@code childCount} references from {@code at} of {@code buffer}, which holds the body up
     * to {@code end}.
     *
     * @return the references' length, or -1 if one is malformed or they run past the body
     */
    int readAll(ByteBuffer buffer, int at, int end, int childCount, int segmentId, long offset) {
        int position = at;
        for (int i = 0; i < childCount; i++) {
            int length = read(buffer, position, end - position, segmentId, offset);
            if (length < 0) {
                return -1;
            }
            position += length;
        }
        return position - at;
    }

    /**
     * Looks up the keys of the back-referenced children, all together.
     *
     * @return false if one does not lead to a record {@code records} knows (lost to damage)
     */
    boolean resolve(RecordKeys records) {
        if (!anyBack) {
            return true;
        }
        if (found.length < count) {
            found = new DataKey[backs.length];
        }
        records.keysAt(backs, count, found);
        for (int i = 0; i < count; i++) {
            if (backs[i] != 0) {
                if (found[i] == null) {
                    return false;
                }
                keyView.putLong(i * DataKey.LENGTH, found[i].high())
                        .putLong(i * DataKey.LENGTH + Long.BYTES, found[i].low());
            }
        }
        return true;
    }

    /**
     * The keys, in the order of the references, once {@link #resolve}d: a back-referenced child's is
     * the key the lookup found, the others are read from their bytes.
     */
    List<DataKey> keys() {
        if (count == 0) {
            return List.of();
        }
        DataKey[] result = new DataKey[count];
        for (int i = 0; i < count; i++) {
            result[i] = (backs[i] != 0)
                    ? found[i]
                    : DataKey.of(keyView.getLong(i * DataKey.LENGTH), keyView.getLong(i * DataKey.LENGTH + Long.BYTES));
        }
        return List.of(result);
    }

    /** The keys' bytes, 16 per child in order, once {@link #resolve}d: what a key's digest takes. */
    byte[] keyBytes() {
        return keys;
    }

    /** For {@link #keyBytes}: how many of them belong to the references read. */
    int keyByteCount() {
        return count * DataKey.LENGTH;
    }
}
