package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Reads many records of a file store in the order of their locations, with one positional read for
 * each run of neighbouring records: records of one segment whose lengths the index knows (below
 * 4 KiB), each starting at most {@value #GAP_BYTES} bytes after the previous one ends, and at most
 * {@value #MAX_BYTES} bytes in all. A drain writes a node's children just before it, so the members
 * of a list read together are often neighbours; reading the few bytes between them costs less than
 * a system call per record. Other records are read one by one. A segment read through a memory map
 * takes each record of a run from the map instead ({@link Segment#readRun}).
 */
final class RecordRuns {

    /** Records at most this far apart are read together. */
    static final int GAP_BYTES = 4096;

    /** The most bytes one read takes for a run of records. */
    static final int MAX_BYTES = 256 * 1024;

    private RecordRuns() {}

    /**
     * Reads the record of each key at its location.
     *
     * @param locations the location of each key's record, 0 for a key the store does not hold
     * @param segments the segment of a location
     * @return the node of each key, {@code null} where the location is 0
     * @throws io.pagable.CorruptDataException naming the first damaged record's key
     */
    static StoredNode[] read(List<DataKey> keys, long[] locations, LongFunction<Segment> segments) {
        Integer[] order = new Integer[locations.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(locations[a], locations[b]));
        StoredNode[] found = new StoredNode[locations.length];
        int first = 0;
        while (first < order.length && locations[order[first]] == 0) {
            first++;
        }
        while (first < order.length) {
            int end = runEnd(locations, order, first);
            readRun(keys, locations, order, first, end, segments, found);
            first = end;
        }
        return found;
    }

    /** Returns the end (exclusive, in {@code order}) of the run of records starting at {@code first}. */
    static int runEnd(long[] locations, Integer[] order, int first) {
        long start = locations[order[first]];
        int segment = SegmentFormat.segmentId(start);
        long startOffset = SegmentFormat.offset(start);
        long end = startOffset + SegmentFormat.recordBytesHint(start);
        int next = first + 1;
        if (SegmentFormat.recordBytesHint(start) == 0) {
            return next;
        }
        for (; next < order.length; next++) {
            long location = locations[order[next]];
            long offset = SegmentFormat.offset(location);
            int length = SegmentFormat.recordBytesHint(location);
            if (SegmentFormat.segmentId(location) != segment
                    || length == 0
                    || offset < end
                    || offset - end > GAP_BYTES
                    || offset + length - startOffset > MAX_BYTES) {
                break;
            }
            end = offset + length;
        }
        return next;
    }

    private static void readRun(
            List<DataKey> keys,
            long[] locations,
            Integer[] order,
            int first,
            int end,
            LongFunction<Segment> segments,
            StoredNode[] found) {
        Segment segment = segments.apply(locations[order[first]]);
        if (end - first == 1) {
            int i = order[first];
            found[i] = segment.read(
                    keys.get(i), SegmentFormat.offset(locations[i]), SegmentFormat.recordBytesHint(locations[i]));
            return;
        }
        DataKey[] runKeys = new DataKey[end - first];
        long[] offsets = new long[runKeys.length];
        long[] ends = new long[runKeys.length];
        for (int r = 0; r < runKeys.length; r++) {
            int i = order[first + r];
            runKeys[r] = keys.get(i);
            offsets[r] = SegmentFormat.offset(locations[i]);
            ends[r] = offsets[r] + SegmentFormat.recordBytesHint(locations[i]);
        }
        StoredNode[] nodes = segment.readRun(runKeys, offsets, ends);
        for (int r = 0; r < nodes.length; r++) {
            found[order[first + r]] = nodes[r];
        }
    }
}
