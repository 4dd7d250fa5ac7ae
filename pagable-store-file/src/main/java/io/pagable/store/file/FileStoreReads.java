package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import io.pagable.store.file.RecordHeadReader.RecordHead;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The read path of a {@link FileContentStore}: finds keys' records in the index and reads each from
 * the segment its location names, checked as {@link Segment#read} checks it (many at once in the
 * order of their records on disk, {@link RecordRuns}), or reads only their heads (child keys and
 * stored size, {@link Segment#head}). Holds the store's segments by id, to which the writer adds each
 * segment it starts and from which giving space back retires rewritten ones: the table is replaced
 * (copy on write, under the store's write lock) rather than changed, so reads run concurrently and
 * never wait for writes.
 *
 * <p>A record that space reclaiming moves is readable throughout: the index points at the copy
 * before the old segment is retired, and a read that started at the old location and failed because
 * the segment was retired meanwhile (closed, gone from the table, its records forgotten) is run again
 * from the index, which then names the copy. A failure with no retirement in between is the
 * caller's. Whether the store is open is the store's to check.
 */
final class FileStoreReads {

    private final Path directory;

    private final FileStoreIndex index;

    /** Segments by id; replaced (copy on write) when the writer starts a segment or one is retired. */
    private volatile @Nullable Segment[] segments;

    /** How many segments were retired so far: a read that failed while this changed is run again. */
    private volatile int retirements;

    /**
     * Reads from the segments a store opened with.
     *
     * @param directory the store's directory, named in errors
     * @param segments the segments by id (null where there is none)
     */
    FileStoreReads(Path directory, FileStoreIndex index, @Nullable Segment[] segments) {
        this.directory = directory;
        this.index = index;
        this.segments = segments;
    }

    /** Reads a key's node, or returns empty if the store does not hold the key. */
    Optional<StoredNode> get(DataKey key) {
        return retrying(() -> {
            long location = index.find(key);
            if (location == 0) {
                return Optional.empty();
            }
            return Optional.of(segment(location)
                    .read(key, SegmentFormat.offset(location), SegmentFormat.recordBytesHint(location)));
        });
    }

    /** Reads the nodes of many keys; returns those found, by key, in the order of {@code keys}. */
    Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        List<DataKey> unique = List.copyOf(new LinkedHashSet<>(keys));
        return retrying(() -> {
            long[] locations = locations(unique);
            StoredNode[] found = RecordRuns.read(unique, locations, this::segment);
            Map<DataKey, StoredNode> result = new LinkedHashMap<>();
            for (int i = 0; i < found.length; i++) {
                if (found[i] != null) {
                    result.put(unique.get(i), found[i]);
                }
            }
            return result;
        });
    }

    /** Reads the child keys of many nodes, without their data; those the store does not hold are absent. */
    Map<DataKey, List<DataKey>> children(Collection<DataKey> keys) {
        List<DataKey> unique = List.copyOf(new LinkedHashSet<>(keys));
        return retrying(() -> {
            long[] locations = locations(unique);
            Map<DataKey, List<DataKey>> result = new LinkedHashMap<>();
            for (int i = 0; i < locations.length; i++) {
                if (locations[i] != 0) {
                    result.put(unique.get(i), head(unique.get(i), locations[i]).children());
                }
            }
            return result;
        });
    }

    /**
     * Finds keys' records in the index and reads their heads ({@link Segment#head}).
     *
     * @param locations receives where each key's record is, 0 for a key the store does not hold
     * @param touched receives each key's touched time (epoch milliseconds)
     * @return each head, null for a key the store does not hold
     */
    @Nullable
    RecordHead[] heads(List<DataKey> keys, long[] locations, long[] touched) {
        return retrying(() -> {
            find(keys, locations, touched);
            RecordHead[] heads = new RecordHead[keys.size()];
            for (int i = 0; i < heads.length; i++) {
                if (locations[i] != 0) {
                    heads[i] = head(keys.get(i), locations[i]);
                }
            }
            return heads;
        });
    }

    /** Returns the segments by id (null where there is none), for closing them. */
    @Nullable
    Segment[] segments() {
        return segments;
    }

    /** Registers a segment the writer started. Called under the store's write lock. */
    void added(Segment segment) {
        Segment[] grown = Arrays.copyOf(segments, Math.max(segments.length, segment.id + 1));
        grown[segment.id] = segment;
        segments = grown;
    }

    /**
     * Takes a rewritten segment out of the table, so that reads that fail on it from now on run
     * again. Called under the store's write lock, after the index points at every live record's copy
     * and before the segment is closed.
     */
    void retire(Segment segment) {
        Segment[] shrunk = segments.clone();
        shrunk[segment.id] = null;
        segments = shrunk;
        retirements++;
    }

    /** Runs a read again while it fails and a segment was retired since it started. */
    private <T> T retrying(Supplier<T> read) {
        while (true) {
            int before = retirements;
            try {
                return read.get();
            } catch (RuntimeException ex) {
                if (retirements == before) {
                    throw ex;
                }
            }
        }
    }

    private long[] locations(List<DataKey> keys) {
        long[] locations = new long[keys.size()];
        find(keys, locations, null);
        return locations;
    }

    private void find(List<DataKey> keys, long[] locations, long @Nullable [] touched) {
        long[] highs = new long[keys.size()];
        long[] lows = new long[keys.size()];
        for (int i = 0; i < highs.length; i++) {
            highs[i] = keys.get(i).high();
            lows[i] = keys.get(i).low();
        }
        index.findAll(highs, lows, highs.length, locations, touched);
    }

    private RecordHead head(DataKey key, long location) {
        return segment(location).head(key, SegmentFormat.offset(location), SegmentFormat.recordBytesHint(location));
    }

    /** Returns the segment of a location. */
    Segment segment(long location) {
        Segment[] current = segments;
        int id = SegmentFormat.segmentId(location);
        if (id >= current.length || current[id] == null) {
            throw new IllegalStateException("Index of " + directory + " points to missing segment " + id);
        }
        return current[id];
    }
}
