package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.DeletedNodes;
import io.pagable.store.file.RecordHeadReader.RecordHead;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;

/**
 * Deletes the nodes of a {@link FileContentStore} that were last touched before a moment
 * ({@link FileContentStore#deleteUntouched}), in batches of at most {@value #BATCH} keys, each under
 * the store's write lock, which puts take too: a batch's check of touched times and its removal from
 * the index are one step to a put, so a node a put touched at or after the cutoff is never deleted
 * and a put after the removal stores the node again. Between batches, puts and flushes get in.
 *
 * <p>Each batch is made durable before it is visible, in this order: the segment being written is
 * flushed (so every record the log names is on the disk, and no later record can take its place);
 * the records' locations are appended to the deletion log as one frame and forced with fsync on
 * ({@link FileStoreDeletionLog#append}); then the keys leave the index and their stored bytes the
 * store's count. A crash before the frame is whole deletes nothing of the batch; after it, all of it,
 * as the store opening reads the log. If writing the log fails, nothing of the batch is deleted.
 */
final class FileStoreDeletes {

    /** Keys per batch, each batch one frame of the deletion log. */
    static final int BATCH = 1024;

    private final Lock writeLock;

    private final Runnable ensureOpen;

    private final FileStoreIndex index;

    private final FileStoreReads reads;

    private final FileStoreWrites writes;

    private final SegmentWriter writer;

    private final FileStoreDeletionLog log;

    private final FileStoreSteps steps;

    FileStoreDeletes(
            Lock writeLock,
            Runnable ensureOpen,
            FileStoreIndex index,
            FileStoreReads reads,
            FileStoreWrites writes,
            SegmentWriter writer,
            FileStoreDeletionLog log,
            FileStoreSteps steps) {
        this.writeLock = writeLock;
        this.ensureOpen = ensureOpen;
        this.index = index;
        this.reads = reads;
        this.writes = writes;
        this.writer = writer;
        this.log = log;
        this.steps = steps;
    }

    /**
     * Deletes the given nodes last touched before {@code touchedBefore}.
     *
     * @throws StoreException if the deletion log cannot be written; the batches before were deleted
     */
    DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
        long before = FileStoreWrites.touchedMillis(Objects.requireNonNull(touchedBefore, "touchedBefore"));
        List<DataKey> unique = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(keys, "keys")));
        DeletedNodes deleted = DeletedNodes.NONE;
        for (int from = 0; from < unique.size(); from += BATCH) {
            List<DataKey> batch = unique.subList(from, Math.min(unique.size(), from + BATCH));
            writeLock.lock();
            try {
                ensureOpen.run();
                deleted = deleted.plus(delete(batch, before));
            } finally {
                writeLock.unlock();
            }
        }
        return deleted;
    }

    /** Deletes the nodes of one batch touched before {@code before} (epoch milliseconds). */
    private DeletedNodes delete(List<DataKey> batch, long before) {
        int size = batch.size();
        long[] locations = new long[size];
        long[] touched = new long[size];
        RecordHead[] heads = reads.heads(batch, locations, touched);
        long[] highs = new long[size];
        long[] lows = new long[size];
        long[] chosen = new long[size];
        int count = 0;
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            if (heads[i] != null && touched[i] < before) {
                highs[count] = batch.get(i).high();
                lows[count] = batch.get(i).low();
                chosen[count++] = locations[i];
                bytes += heads[i].storedSize();
            }
        }
        if (count == 0) {
            return DeletedNodes.NONE;
        }
        writer.flush();
        try {
            log.append(chosen, count);
        } catch (IOException ex) {
            throw new StoreException(
                    "Writing the deletion log of the file store failed: " + ex + ". Nothing of this batch of " + count
                            + " nodes was deleted; check free disk space and permissions",
                    ex);
        }
        steps.reached(FileStoreSteps.DELETIONS_LOGGED);
        boolean[] removed = new boolean[count];
        index.removeAll(highs, lows, chosen, count, removed);
        writes.deleted(bytes);
        return new DeletedNodes(count, bytes);
    }
}
