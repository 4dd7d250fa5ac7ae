package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the space of deleted nodes back to the file system ({@link FileContentStore#reclaimSpace}):
 * rewrites each segment in which less than {@value #REWRITE_BELOW_LIVE_SHARE} of the bytes are
 * records the index points at, by copying those records forward through the store's write path and
 * then deleting the segment file. The segment being written is sealed first (a new one started) if
 * it qualifies, so a store smaller than one segment gives space back too.
 *
 * <p>Why below 3/4 live: rewriting a segment whose live share is {@code f} copies {@code f} bytes for
 * every {@code 1 - f} it frees, so the threshold bounds both what a collection writes (at most 3
 * bytes copied per byte freed) and what the directory holds (at most 4/3 of its live records, plus
 * the segment being written). A lower threshold writes less but leaves more dead; Eclipse Store's
 * storage retires a file below the same 75%.
 *
 * <p>Crash-safe at every step, in this order:
 *
 * <ol>
 *   <li>The live records are copied, in their order in the segment, through
 *       {@link SegmentWriter#append} under the write lock a batch at a time, each batch's keys
 *       pointed at their copies in the same lock hold (a key deleted or moved since it was read is
 *       left alone). The copies refer to their children as any new record does, back to a copy
 *       written earlier in the same segment or by key, so they are self-consistent; the old records
 *       stay readable.
 *   <li>Every segment copies went to and the directory are forced to the disk, whatever the store's
 *       fsync setting (what is deleted next may have been on the disk for long).
 *   <li>The old records' locations are appended to the deletion log, which is forced: from now on
 *       a store opening indexes the copies, and a later delete of the node, which names the copy,
 *       cannot be undone by the old record.
 *   <li>Each old segment is taken out of the read table, closed and deleted under the write lock,
 *       only while the store is open; a read that raced it runs again at the copy
 *       ({@link FileStoreReads}).
 *   <li>The directory is forced again; the records of the deleted segments are forgotten and their
 *       entries dropped from the deletion log ({@link FileStoreDeletionLog#compact}).
 * </ol>
 *
 * A crash before step 3 is whole leaves the old records, which a store opening indexes, and perhaps
 * copies, which it then logs as deleted duplicates ({@link FileStoreRecovery}); after it, every live
 * record has a durable copy and every old one is logged, so deleting the old files loses nothing;
 * entries left for a deleted segment name an id no segment will have again. Nothing leaves a
 * reference dangling: a copy refers back only to records before it in its own segment, which a torn
 * tail cannot take without taking it too. A damaged live record stops its segment's rewrite: that
 * segment stays, and the others go on.
 */
final class FileStoreReclaim {

    /** A segment is rewritten when less than this share of its bytes is live records. */
    static final double REWRITE_BELOW_LIVE_SHARE = 0.75;

    /** The bytes of records one batch of copies reads and writes at most (and one record more). */
    private static final long COPY_BYTES = 4L << 20;

    /** The records one batch of copies takes at most. */
    private static final int COPY_RECORDS = 1024;

    private static final Logger logger = LoggerFactory.getLogger(FileContentStore.class);

    private final Path directory;

    private final Lock writeLock;

    private final Runnable ensureOpen;

    private final FileStoreIndex index;

    private final FileStoreReads reads;

    private final SegmentWriter writer;

    private final FileStoreDeletionLog log;

    private final FileStoreSteps steps;

    FileStoreReclaim(
            Path directory,
            Lock writeLock,
            Runnable ensureOpen,
            FileStoreIndex index,
            FileStoreReads reads,
            SegmentWriter writer,
            FileStoreDeletionLog log,
            FileStoreSteps steps) {
        this.directory = directory;
        this.writeLock = writeLock;
        this.ensureOpen = ensureOpen;
        this.index = index;
        this.reads = reads;
        this.writer = writer;
        this.log = log;
        this.steps = steps;
    }

    /**
     * Rewrites the segments below the threshold and deletes them.
     *
     * @return the bytes of the segment files deleted minus the bytes the copies took
     * @throws StoreException if copying or forcing fails; no segment was deleted then
     */
    synchronized long reclaim() {
        long[] written = {0};
        List<Segment> chosen = choose(written);
        if (chosen.isEmpty()) {
            return 0;
        }
        Set<Segment> targets = new LinkedHashSet<>();
        FileStoreDeletionLog.Locations moved = new FileStoreDeletionLog.Locations();
        List<Segment> copied = new ArrayList<>();
        for (Segment segment : chosen) {
            try {
                written[0] += copyLive(segment, targets, moved);
                copied.add(segment);
            } catch (CorruptDataException ex) {
                logger.warn("{} is not rewritten: a record in it is damaged and cannot be copied", segment.path, ex);
            }
        }
        steps.reached(FileStoreSteps.RECORDS_COPIED);
        locked(() -> {
            for (Segment target : targets) {
                target.channel().force(false);
            }
            Segment.forceDirectory(directory);
        });
        steps.reached(FileStoreSteps.COPIES_FORCED);
        locked(() -> {
            log.append(moved.values(), moved.size());
            log.force();
        });
        steps.reached(FileStoreSteps.MOVES_LOGGED);
        long freed = 0;
        Set<Integer> gone = new HashSet<>();
        for (Segment segment : copied) {
            long length = delete(segment);
            if (length >= 0) {
                freed += length;
                gone.add(segment.id);
                steps.reached(FileStoreSteps.SEGMENT_DELETED);
            }
        }
        Segment.forceDirectory(directory);
        index.forgetSegments(gone::contains);
        locked(() -> log.compact(gone::contains, steps));
        return freed - written[0];
    }

    /**
     * Picks the segments to rewrite, sealing the one being written if it is among them.
     *
     * @param written receives the bytes of the new segment started, if one was
     */
    private List<Segment> choose(long[] written) {
        List<Segment> chosen = new ArrayList<>();
        writeLock.lock();
        try {
            ensureOpen.run();
            Segment[] segments = reads.segments();
            long[] lengths = new long[segments.length];
            for (Segment segment : segments) {
                if (segment != null) {
                    lengths[segment.id] = segment.length();
                }
            }
            long[] live = index.liveBytes(lengths);
            Segment active = writer.active();
            for (Segment segment : segments) {
                if (segment != null
                        && lengths[segment.id] > SegmentFormat.SEGMENT_HEADER_BYTES
                        && live[segment.id] < REWRITE_BELOW_LIVE_SHARE * lengths[segment.id]) {
                    chosen.add(segment);
                }
            }
            if (chosen.contains(active)) {
                long before = writer.appendedBytes();
                writer.seal();
                written[0] += writer.appendedBytes() - before;
            }
        } finally {
            writeLock.unlock();
        }
        return chosen;
    }

    /**
     * Copies a segment's live records forward, a batch at a time.
     *
     * @param targets receives the segments the copies went to
     * @param moved receives the old locations of the records copied
     * @return the bytes the copies took
     */
    private long copyLive(Segment segment, Set<Segment> targets, FileStoreDeletionLog.Locations moved) {
        long[] highs = new long[COPY_RECORDS];
        long[] lows = new long[COPY_RECORDS];
        long[] positions = new long[COPY_RECORDS];
        long written = 0;
        long after = 0;
        while (true) {
            int count = index.recordsOf(segment.id, after, COPY_RECORDS, highs, lows, positions);
            if (count == 0) {
                return written;
            }
            while (count > 1 && positions[count - 1] - positions[0] > COPY_BYTES) {
                count--;
            }
            after = positions[count - 1];
            written += copyBatch(highs, lows, positions, count, targets, moved);
        }
    }

    /** Copies those of a batch of a segment's records that the index points at; returns the bytes written. */
    private long copyBatch(
            long[] highs,
            long[] lows,
            long[] positions,
            int count,
            Set<Segment> targets,
            FileStoreDeletionLog.Locations moved) {
        long[] locations = new long[count];
        index.findAll(highs, lows, count, locations);
        List<DataKey> keys = new ArrayList<>(count);
        long[] live = new long[count];
        for (int i = 0; i < count; i++) {
            if (SegmentFormat.withoutLength(locations[i]) == positions[i]) {
                live[keys.size()] = locations[i];
                keys.add(DataKey.of(highs[i], lows[i]));
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        live = Arrays.copyOf(live, keys.size());
        StoredNode[] nodes = RecordRuns.read(keys, live, reads::segment);
        writeLock.lock();
        try {
            ensureOpen.run();
            return append(keys, nodes, live, targets, moved);
        } finally {
            writeLock.unlock();
        }
    }

    /** Appends the copies of the records still where they were read, and points their keys at them. */
    private long append(
            List<DataKey> keys,
            StoredNode[] nodes,
            long[] oldLocations,
            Set<Segment> targets,
            FileStoreDeletionLog.Locations moved) {
        int count = keys.size();
        long[] highs = new long[count];
        long[] lows = new long[count];
        for (int i = 0; i < count; i++) {
            highs[i] = keys.get(i).high();
            lows[i] = keys.get(i).low();
        }
        long[] now = new long[count];
        index.findAll(highs, lows, count, now);
        List<StoredNode> copies = new ArrayList<>(count);
        long[] from = new long[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (now[i] == oldLocations[i]) {
                highs[kept] = highs[i];
                lows[kept] = lows[i];
                from[kept++] = now[i];
                copies.add(nodes[i]);
            }
        }
        if (copies.isEmpty()) {
            return 0;
        }
        long before = writer.appendedBytes();
        long[] to = writer.append(copies);
        index.moveAll(highs, lows, from, to, kept);
        for (int i = 0; i < kept; i++) {
            targets.add(reads.segment(to[i]));
            moved.add(from[i]);
        }
        return writer.appendedBytes() - before;
    }

    /**
     * Retires, closes and deletes a rewritten segment.
     *
     * @return the bytes of its file, or -1 if it could not be deleted (it stays, its records duplicates)
     */
    private long delete(Segment segment) {
        writeLock.lock();
        try {
            ensureOpen.run(); // once closed, the directory may be another store's
            reads.retire(segment);
            long length = Files.size(segment.path);
            segment.close();
            Files.delete(segment.path);
            return length;
        } catch (IOException ex) {
            logger.warn("Deleting {}, which was rewritten, failed; it stays until a later rewrite", segment.path, ex);
            return -1;
        } finally {
            writeLock.unlock();
        }
    }

    /** A step that writes files. */
    @FunctionalInterface
    private interface FileStep {

        void run() throws IOException;
    }

    private void locked(FileStep step) {
        writeLock.lock();
        try {
            ensureOpen.run();
            step.run();
        } catch (IOException ex) {
            throw new StoreException(
                    "Giving space back in the file store " + directory + " failed: " + ex + ". No live record was "
                            + "lost; check free disk space and permissions",
                    ex);
        } finally {
            writeLock.unlock();
        }
    }
}
