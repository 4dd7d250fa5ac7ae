package io.pagable.store.file;

import static io.pagable.store.file.SegmentFormat.SEGMENT_HEADER_BYTES;

import io.pagable.DataKey;
import io.pagable.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a file store's segments, rebuilds the index from them and picks the segment new records go
 * to. A torn write at the end of the newest segment (a crash while appending) is cut off; a segment
 * damaged in the middle is left as it is, its intact records indexed, and writing continues in a new
 * segment. A record the deletion log names is known by its location (records after it may refer back
 * to it) but not indexed; every node indexed counts as touched when the store opened. A second record
 * of a key already indexed (a copy that space reclaiming made before a crash cut it short) is logged
 * as deleted at once, so that it cannot come back when the indexed record is deleted. New records
 * never go where the deletion log names a location: the newest segment is continued only if the log
 * names nothing at or beyond its end, and a new segment's id is above every id the log names, so an
 * entry left for a segment deleted since can never name a record written later.
 */
final class FileStoreRecovery {

    private static final Logger logger = LoggerFactory.getLogger(FileContentStore.class);

    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{8})\\.dat");

    private final Path directory;

    private final FileStoreIndex index;

    private final boolean fsync;

    private final boolean mapped;

    private final FileStoreDeletionLog deletions;

    /** The touched time of every node indexed, epoch milliseconds. */
    private final long touchedAtOpen;

    private Segment[] segments = new Segment[0];

    private Segment active;

    private long storedBytes;

    /** Records found and not yet indexed: the index takes them in batches of this many. */
    private static final int PENDING_RECORDS = 4096;

    private final long[] pendingHighs = new long[PENDING_RECORDS];

    private final long[] pendingLows = new long[PENDING_RECORDS];

    private final long[] pendingLocations = new long[PENDING_RECORDS];

    private final long[] pendingStoredBytes = new long[PENDING_RECORDS];

    private final boolean[] pendingAdded = new boolean[PENDING_RECORDS];

    private final boolean[] pendingDeleted = new boolean[PENDING_RECORDS];

    private int pending;

    /** Records of keys indexed at an earlier record: logged as deleted once the scan is done. */
    private final FileStoreDeletionLog.Locations duplicates = new FileStoreDeletionLog.Locations();

    /** The bytes of all segments, and of the segments scanned so far: for the index's size. */
    private long totalSegmentBytes;

    private long scannedSegmentBytes;

    /** Records found so far, and whether the index has been sized from them. */
    private long recordsFound;

    private boolean reserved;

    private FileStoreRecovery(
            Path directory,
            FileStoreIndex index,
            boolean fsync,
            boolean mapped,
            FileStoreDeletionLog deletions,
            long touchedAtOpen) {
        this.directory = directory;
        this.index = index;
        this.fsync = fsync;
        this.mapped = mapped;
        this.deletions = deletions;
        this.touchedAtOpen = touchedAtOpen;
    }

    /**
     * Opens the segments of a directory and indexes their records but those the deletion log names.
     *
     * @param mapped whether the segments are read through memory maps
     * @param touchedAtOpen the touched time of every node indexed, epoch milliseconds
     */
    static FileStoreRecovery open(
            Path directory,
            FileStoreIndex index,
            boolean fsync,
            boolean mapped,
            FileStoreDeletionLog deletions,
            long touchedAtOpen)
            throws IOException {
        FileStoreRecovery recovery = new FileStoreRecovery(directory, index, fsync, mapped, deletions, touchedAtOpen);
        try {
            recovery.run();
        } catch (IOException | RuntimeException ex) {
            recovery.closeAll();
            throw ex;
        }
        return recovery;
    }

    Segment[] segments() {
        return segments;
    }

    Segment active() {
        return active;
    }

    long storedBytes() {
        return storedBytes;
    }

    private void run() throws IOException {
        List<Integer> ids = segmentIds();
        int last = ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
        int next = Math.max(last, deletions.highestSegmentAtOpen()) + 1;
        segments = new Segment[last + 1];
        boolean lastUsable = false;
        for (int id : ids) {
            boolean newest = id == last;
            Segment segment = new Segment(id, directory.resolve(SegmentFormat.fileName(id)), newest, mapped, index);
            segments[id] = segment;
            totalSegmentBytes += segment.length();
        }
        for (int id : ids) {
            boolean newest = id == last;
            Segment segment = segments[id];
            if (!SegmentScanner.checkHeader(segment)) {
                lastUsable = newest && rewriteHeader(segment);
                if (!newest) {
                    logger.warn("Skipping {}: it is too short to be a segment", segment.path);
                }
                continue;
            }
            SegmentScanner.Result result = SegmentScanner.scan(
                    segment,
                    new FoundKeys(),
                    (high, low, offset, recordBytes, storedBytes) ->
                            indexed(id, high, low, offset, recordBytes, storedBytes));
            indexPending();
            scannedSegmentBytes += result.fileLength();
            lastUsable = newest && recover(segment, result);
        }
        deletions.append(duplicates.values(), duplicates.size());
        long named = deletions.highestAtOpen(last);
        if (lastUsable && next == last + 1 && (named == 0 || SegmentFormat.offset(named) < segments[last].length())) {
            active = segments[last];
        } else {
            active = Segment.create(directory, next, fsync, mapped, index);
            segments = Arrays.copyOf(segments, next + 1);
            segments[next] = active;
        }
    }

    /** Handles what the scan found; returns whether the newest segment can take more records. */
    private boolean recover(Segment segment, SegmentScanner.Result result) throws IOException {
        if (result.damagedInside()) {
            logger.warn(
                    "{} is damaged: some of its records fail their checksum and cannot be read. Its intact "
                            + "records stay readable; new records go to a new segment.",
                    segment.path);
            return false;
        }
        if (result.tornTail()) {
            logger.warn(
                    "{} ends in an incomplete record (a write interrupted by a crash): cutting off its last {} bytes",
                    segment.path,
                    result.fileLength() - result.validEnd());
            segment.channel().truncate(result.validEnd());
            segment.length(result.validEnd());
            if (fsync) {
                segment.channel().force(true);
            }
        }
        return true;
    }

    private boolean rewriteHeader(Segment segment) throws IOException {
        segment.channel().truncate(0);
        ByteBuffer header = SegmentFormat.segmentHeader();
        long position = 0;
        while (header.hasRemaining()) {
            position += segment.channel().write(header, position);
        }
        segment.length(SEGMENT_HEADER_BYTES);
        return true;
    }

    /**
     * The keys of the records found so far, by location: those queued for the index (in the order
     * found, which is the order of their locations) and those it holds.
     */
    private final class FoundKeys implements SegmentFormat.RecordKeys {

        @Override
        public void keysAt(long[] locations, int count, @Nullable DataKey[] keys) {
            boolean indexed = false;
            for (int i = 0; i < count; i++) {
                int queued = queuedAt(locations[i]);
                keys[i] = (queued < 0) ? null : DataKey.of(pendingHighs[queued], pendingLows[queued]);
                indexed |= queued < 0;
            }
            if (indexed) {
                DataKey[] found = new DataKey[count];
                index.keysAt(locations, count, found);
                for (int i = 0; i < count; i++) {
                    if (keys[i] == null) {
                        keys[i] = found[i];
                    }
                }
            }
        }

        /** Returns the place of a queued record at a location, or -1. */
        private int queuedAt(long location) {
            long wanted = SegmentFormat.withoutLength(location);
            // the queued locations ascend; the one at the wanted place differs at most in its length bits
            int place = Arrays.binarySearch(pendingLocations, 0, pending, wanted);
            if (place < 0) {
                place = -place - 1;
            }
            return (place < pending && SegmentFormat.withoutLength(pendingLocations[place]) == wanted) ? place : -1;
        }
    }

    /** Queues a record for the index, which takes the queue in batches. */
    private void indexed(int segmentId, long high, long low, long offset, long recordBytes, long bytes) {
        if (pending == PENDING_RECORDS) {
            reserveOnce(scannedSegmentBytes + offset);
            indexPending();
        }
        pendingHighs[pending] = high;
        pendingLows[pending] = low;
        pendingLocations[pending] = SegmentFormat.location(segmentId, offset, recordBytes);
        pendingStoredBytes[pending] = bytes;
        pendingDeleted[pending] = deletions.deletedAtOpen(SegmentFormat.location(segmentId, offset, 0));
        pending++;
    }

    /**
     * Sizes the index once, when at least a sixteenth of the segments' bytes has been scanned, for as
     * many records as the segments hold at the density found so far, so that it does not double again
     * and again on the way (each time moving every entry). Opening a 300,000-record store took about 10%
     * less time so. If the records scanned are much smaller than the rest (small values first, large
     * ones later), the index takes native memory for entries that never come: at most what the
     * remaining bytes would hold at the density of the first sixteenth.
     */
    private void reserveOnce(long bytesScanned) {
        recordsFound += pending;
        if (!reserved && bytesScanned > 0 && bytesScanned >= totalSegmentBytes / 16) {
            reserved = true;
            index.reserve((long) ((double) recordsFound * totalSegmentBytes / bytesScanned));
        }
    }

    /** Adds the queued records to the index, in the order they were found (the first of a key wins). */
    private void indexPending() {
        index.putAllAbsent(
                pendingHighs, pendingLows, pendingLocations, pending, touchedAtOpen, pendingDeleted, pendingAdded);
        for (int i = 0; i < pending; i++) {
            if (pendingAdded[i]) {
                storedBytes += pendingStoredBytes[i];
            } else if (!pendingDeleted[i]) {
                duplicates.add(pendingLocations[i]);
            }
        }
        pending = 0;
    }

    private List<Integer> segmentIds() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new StoreException(directory + " is not a directory; give the FileContentStore a directory");
        }
        List<Integer> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "segment-*.dat")) {
            for (Path file : files) {
                Matcher matcher = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    int id = Integer.parseInt(matcher.group(1));
                    if (id < 1 || id > SegmentFormat.MAX_SEGMENT_ID) {
                        throw new StoreException(
                                file + " has a segment number out of range; move it out of " + directory);
                    }
                    ids.add(id);
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    private void closeAll() {
        for (Segment segment : segments) {
            if (segment != null) {
                try {
                    segment.close();
                } catch (IOException ex) {
                    // Opening failed already; report that failure.
                }
            }
        }
    }
}
