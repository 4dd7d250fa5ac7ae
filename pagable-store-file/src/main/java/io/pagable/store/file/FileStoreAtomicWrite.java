package io.pagable.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file of the store's directory as a whole, so that a crash at any moment leaves
 * either the old content or the new, never a mix: the new content is written to a temporary file
 * beside it ({@code <name>.tmp}), forced to the disk, renamed over the old file (an atomic rename),
 * and the directory forced so the rename is durable too. A temporary file left by a crash is
 * written over by the next replacement and ignored by readers.
 */
final class FileStoreAtomicWrite {

    /** Writes a file's new content. */
    @FunctionalInterface
    interface Content {

        void writeTo(FileChannel channel) throws IOException;
    }

    private FileStoreAtomicWrite() {}

    /**
     * Replaces a file's content.
     *
     * @param force whether to force the content and the rename to the disk (against a power failure;
     *     the rename alone is atomic against a crash of the process)
     * @param steps told when the temporary file is written
     * @return a channel (read and write) of the new file, for the caller to close: open before the
     *     rename, so that there is no moment at which the file is replaced and cannot be opened
     */
    static FileChannel replace(Path target, Content content, boolean force, FileStoreSteps steps) throws IOException {
        Path temporary = temporary(target);
        FileChannel channel = FileChannel.open(
                temporary,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            content.writeTo(channel);
            if (force) {
                channel.force(true);
            }
            steps.reached(FileStoreSteps.REPLACEMENT_WRITTEN);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
        if (force) {
            Segment.forceDirectory(target.getParent());
        }
        return channel;
    }

    /** Returns the temporary file a replacement of {@code target} is written to. */
    static Path temporary(Path target) {
        return target.resolveSibling(target.getFileName() + ".tmp");
    }

    /** Writes all of a buffer at a position. */
    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
