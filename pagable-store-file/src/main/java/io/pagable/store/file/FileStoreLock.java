package io.pagable.store.file;

import io.pagable.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The exclusive lock a file store holds on its directory: an OS file lock on {@code pagable.lock},
 * which the OS releases when the process dies, so a crash never leaves the directory locked. The
 * file holds the owner's process id, for the error message of whoever finds the directory in use.
 */
final class FileStoreLock implements AutoCloseable {

    static final String FILE_NAME = "pagable.lock";

    private final FileChannel channel;

    private final FileLock lock;

    private FileStoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the directory, or fails at once if another store holds it.
     *
     * @throws StoreException saying the directory is in use, and by which process if known
     */
    static FileStoreLock acquire(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException ex) {
            channel.close();
            throw inUse(directory, "another FileContentStore in this JVM", ex);
        } catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
        if (lock == null) {
            String owner = readOwner(channel);
            channel.close();
            throw inUse(directory, "another process" + (owner.isEmpty() ? "" : " (pid " + owner + ")"), null);
        }
        try {
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
        } catch (IOException ex) {
            // The pid is only for error messages; the lock is what matters.
        }
        return new FileStoreLock(channel, lock);
    }

    private static String readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException ex) {
            return "";
        }
    }

    private static StoreException inUse(Path directory, String owner, @Nullable Throwable cause) {
        String message = "The directory " + directory + " is in use by " + owner + ", which holds "
                + directory.resolve(FILE_NAME) + ". Only one FileContentStore may open a directory at a time: "
                + "close the other store first, or give each store its own directory (share data between "
                + "processes with a JdbcContentStore).";
        return (cause != null) ? new StoreException(message, cause) : new StoreException(message);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
