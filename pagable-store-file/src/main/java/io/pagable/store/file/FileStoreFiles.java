package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.StoreException;
import java.io.IOException;

/**
 * The open files of a {@link FileContentStore}, past its locked directory and roots: the deletion
 * log, the segments (read through {@link FileStoreReads}), the writer of the segment being written and
 * the write path over it, once the index is rebuilt ({@link FileStoreRecovery}). Opening either
 * returns them all or, failing, closes what it opened, releases the directory's lock and throws.
 *
 * @param log the deletion log
 * @param reads the read path, holding the segments
 * @param writer the writer of the segment being written
 * @param writes the write path
 */
record FileStoreFiles(FileStoreDeletionLog log, FileStoreReads reads, SegmentWriter writer, FileStoreWrites writes) {

    /**
     * Opens the deletion log and the segments of a locked directory and rebuilds the index.
     *
     * @param touchedAtOpen the touched time of every node found, epoch milliseconds
     * @throws StoreException if a file cannot be read or is of an unknown format
     * @throws CorruptDataException naming the deletion log if it is damaged
     */
    static FileStoreFiles open(
            FileStoreDirectory directory, FileStoreIndex index, FileStoreOptions options, long touchedAtOpen) {
        FileStoreDeletionLog log = null;
        try {
            log = FileStoreDeletionLog.open(directory.path(), options.fsync());
            FileStoreRecovery recovery = FileStoreRecovery.open(
                    directory.path(), index, options.fsync(), options.mapped(), log, touchedAtOpen);
            log.opened();
            FileStoreReads reads = new FileStoreReads(directory.path(), index, recovery.segments());
            SegmentWriter writer = new SegmentWriter(
                    directory.path(),
                    recovery.active(),
                    options.fsync(),
                    options.mapped(),
                    options.maxSegmentBytes(),
                    index,
                    reads::added);
            return new FileStoreFiles(log, reads, writer, new FileStoreWrites(index, writer, recovery.storedBytes()));
        } catch (IOException | RuntimeException ex) {
            closeQuietly(log);
            closeQuietly(directory.lock());
            if (ex instanceof StoreException || ex instanceof CorruptDataException) {
                throw (RuntimeException) ex;
            }
            throw new StoreException(
                    "Opening the file store in " + directory.path() + " failed: " + ex
                            + ". Check the directory's files and permissions.",
                    ex);
        }
    }

    /** Closes, if there is one; closing releases what it can, and a failure is of no further use. */
    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ex) {
            // Closing releases what it can; nothing else to do.
        }
    }
}
