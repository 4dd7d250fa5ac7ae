package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.PagableRoot;
import io.pagable.StoreException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The file store's named roots, in the file {@value #FILE_NAME}, rewritten as a whole on every change
 * ({@link FileStoreAtomicWrite}: a crash leaves the roots from before the change or after it). A file
 * that is damaged (its checksum, its magic or its structure) is reported as a
 * {@link CorruptDataException} naming it, never read as no roots; a missing file is no roots (a new
 * store, or one written before roots existed).
 *
 * <pre>
 *   8 bytes  magic "PGBLROOT"
 *   4 bytes  format version (1)
 *   4 bytes  number of roots n
 *   n times: 2 bytes name length, the name (UTF-8), the key (16 bytes), updated at (8 bytes epoch
 *            seconds, 4 bytes nanoseconds)
 *   4 bytes  CRC-32C of everything before it
 * </pre>
 */
final class FileStoreRoots {

    static final String FILE_NAME = "pagable.roots";

    private static final long MAGIC = 0x5047424C524F4F54L; // "PGBLROOT"

    private static final int VERSION = 1;

    private FileStoreRoots() {}

    /**
     * Reads the roots of a store's directory.
     *
     * @return the roots by name; empty if the directory has no roots file
     * @throws CorruptDataException naming the file if it is damaged
     * @throws StoreException if it is of another format version, or cannot be read
     */
    static Map<String, PagableRoot> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException ex) {
            return Map.of();
        } catch (IOException ex) {
            throw new StoreException(
                    "Reading the roots file " + file + " failed: " + ex + ". Check its permissions.", ex);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            if (bytes.length < 20 || buffer.getLong() != MAGIC) {
                throw damaged(file, "it does not start as a roots file does", null);
            }
            int version = buffer.getInt();
            if (version != VERSION) {
                throw new StoreException(file + " has format version " + version + ", but this pagable reads version "
                        + VERSION + ". Open the directory with the pagable version that wrote it.");
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            if ((int) crc.getValue()
                    != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
                throw damaged(file, "its checksum does not match its bytes", null);
            }
            return roots(buffer.limit(bytes.length - 4), file);
        } catch (BufferUnderflowException | IllegalArgumentException | DateTimeException ex) {
            throw damaged(file, "its content is malformed (" + ex.getMessage() + ")", ex);
        }
    }

    private static Map<String, PagableRoot> roots(ByteBuffer buffer, Path file) {
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining() / 30) {
            throw damaged(file, "it claims " + count + " roots", null);
        }
        Map<String, PagableRoot> roots = new HashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[buffer.getShort() & 0xFFFF];
            buffer.get(name);
            DataKey key = DataKey.of(buffer.getLong(), buffer.getLong());
            Instant updatedAt = Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
            PagableRoot root = new PagableRoot(new String(name, StandardCharsets.UTF_8), key, updatedAt);
            roots.put(root.name(), root);
        }
        if (buffer.hasRemaining() || roots.size() != count) {
            throw damaged(file, "its length or its names do not match its count of roots", null);
        }
        return roots;
    }

    /**
     * Replaces the roots file with these roots.
     *
     * @param force whether to force it to the disk (the store's fsync setting)
     * @throws StoreException if it cannot be written; the file is as it was then
     */
    static void write(Path directory, Map<String, PagableRoot> roots, boolean force) {
        ByteBuffer buffer = encode(roots);
        try (FileChannel written = FileStoreAtomicWrite.replace(
                directory.resolve(FILE_NAME),
                (channel) -> FileStoreAtomicWrite.writeFully(channel, buffer, 0),
                force,
                FileStoreSteps.NONE)) {
            // written and renamed
        } catch (IOException ex) {
            throw new StoreException(
                    "Writing the roots file " + directory.resolve(FILE_NAME) + " failed: " + ex
                            + ". The roots are as they were; check free disk space and permissions.",
                    ex);
        }
    }

    static ByteBuffer encode(Map<String, PagableRoot> roots) {
        int bytes = 20;
        for (String name : roots.keySet()) {
            bytes += 2 + name.getBytes(StandardCharsets.UTF_8).length + 28;
        }
        ByteBuffer buffer =
                ByteBuffer.allocate(bytes).putLong(MAGIC).putInt(VERSION).putInt(roots.size());
        for (PagableRoot root : roots.values()) {
            byte[] name = root.name().getBytes(StandardCharsets.UTF_8);
            buffer.putShort((short) name.length).put(name);
            buffer.putLong(root.key().high()).putLong(root.key().low());
            buffer.putLong(root.updatedAt().getEpochSecond())
                    .putInt(root.updatedAt().getNano());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        return buffer.putInt((int) crc.getValue()).flip();
    }

    private static CorruptDataException damaged(Path file, String problem, @Nullable Throwable cause) {
        return new CorruptDataException(
                null,
                "the roots file " + file + " is damaged: " + problem + ". The nodes are intact; restore the file "
                        + "from a backup, or move it away to open the store without roots and save them again",
                cause);
    }
}
