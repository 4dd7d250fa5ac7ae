package io.pagable.store.file;

import io.pagable.PagableRoot;
import io.pagable.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A file store's directory as a store opening finds it before it reads the segments: created if
 * missing, locked against a second store ({@link FileStoreLock}), and its roots read
 * ({@link FileStoreRoots}), which the store hands to its base class before anything else. If the
 * roots cannot be read, the lock is released and the failure thrown.
 *
 * @param path the directory, absolute
 * @param lock the lock held on it until the store closes
 * @param roots the roots the directory holds
 */
record FileStoreDirectory(Path path, FileStoreLock lock, Map<String, PagableRoot> roots) {

    /**
     * Creates (if needed) and locks a directory and reads its roots.
     *
     * @throws StoreException if the directory cannot be created or locked, another store has it
     *     open, or its roots file is of another version
     * @throws io.pagable.CorruptDataException naming the roots file if it is damaged
     */
    static FileStoreDirectory open(Path directory) {
        Path path = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        try {
            Files.createDirectories(path);
        } catch (IOException ex) {
            throw new StoreException(
                    "Cannot create the file store directory " + path + ": " + ex
                            + ". Check the path and its permissions.",
                    ex);
        }
        FileStoreLock lock;
        try {
            lock = FileStoreLock.acquire(path);
        } catch (IOException ex) {
            throw new StoreException(
                    "Cannot lock the file store directory " + path + ": " + ex + ". Check that it is writable.", ex);
        }
        try {
            return new FileStoreDirectory(path, lock, FileStoreRoots.read(path));
        } catch (RuntimeException ex) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                ex.addSuppressed(suppressed);
            }
            throw ex;
        }
    }
}
