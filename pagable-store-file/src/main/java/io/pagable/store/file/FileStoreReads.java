package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read path of a {@link FileContentStore}: finds keys' records in the index and reads each from
 * the segment its location names, checked as {@link Segment#read} checks it (many at once in the
 * order of their records on disk, {@link RecordRuns}). Holds the store's segments by id, to which
 * the writer adds each segment it starts: the table is replaced (copy on write, under the store's
 * write lock) rather than changed, so reads run concurrently and never wait for writes. Whether the
 * store is open is the store's to check.
 */
final class FileStoreReads {

    private final Path directory;

    private final FileStoreIndex index;

    /** Segments by id; replaced (copy on write) when the writer starts a new segment. */
    private volatile Segment[] segments;

    /**
     * Reads from the segments a store opened with.
     *
     * @param directory the store's directory, named in errors
     * @param segments the segments by id (null where there is none)
     */
    FileStoreReads(Path directory, FileStoreIndex index, Segment[] segments) {
        this.directory = directory;
        this.index = index;
        this.segments = segments;
    }

    /** Reads a key's node, or returns empty if the store does not hold the key. */
    Optional<StoredNode> get(DataKey key) {
        long location = index.find(key);
        if (location == 0) {
            return Optional.empty();
        }
        return Optional.of(read(key, location));
    }

    /** Reads the nodes of many keys; returns those found, by key, in the order of {@code keys}. */
    Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        List<DataKey> unique = List.copyOf(new LinkedHashSet<>(keys));
        long[] highs = new long[unique.size()];
        long[] lows = new long[unique.size()];
        for (int i = 0; i < highs.length; i++) {
            highs[i] = unique.get(i).high();
            lows[i] = unique.get(i).low();
        }
        long[] locations = new long[unique.size()];
        index.findAll(highs, lows, highs.length, locations);
        StoredNode[] found = RecordRuns.read(unique, locations, this::segment);
        Map<DataKey, StoredNode> result = new LinkedHashMap<>();
        for (int i = 0; i < found.length; i++) {
            if (found[i] != null) {
                result.put(unique.get(i), found[i]);
            }
        }
        return result;
    }

    /** Returns the segments by id (null where there is none), for closing them. */
    Segment[] segments() {
        return segments;
    }

    /** Registers a segment the writer started. Called under the store's write lock. */
    void added(Segment segment) {
        Segment[] grown = Arrays.copyOf(segments, Math.max(segments.length, segment.id + 1));
        grown[segment.id] = segment;
        segments = grown;
    }

    private StoredNode read(DataKey key, long location) {
        return segment(location).read(key, SegmentFormat.offset(location), SegmentFormat.recordBytesHint(location));
    }

    private Segment segment(long location) {
        Segment[] current = segments;
        int id = SegmentFormat.segmentId(location);
        if (id >= current.length || current[id] == null) {
            throw new IllegalStateException("Index of " + directory + " points to missing segment " + id);
        }
        return current[id];
    }
}
