package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store's deletion log, the file {@value #FILE_NAME}: the record locations (segment and
 * offset) whose nodes were deleted, so that a store opening, which rebuilds its index from the
 * segment files, leaves those records out. A location, not a key: a node deleted and stored again
 * lives on in its new record.
 *
 * <p>Append-only, one frame per batch of deletions ({@link #append}), forced to the disk before the
 * batch is deleted from the index when the store has fsync on, so a delete that returned is never
 * undone. A frame is whole or left out: a frame cut short by a crash (necessarily the last, as each
 * is written after the one before it was forced) is cut off when the store opens, undoing that one
 * batch, which no caller was told was deleted. With fsync on, a frame that fails its checksum with
 * more bytes after it than one frame takes is damage, not a torn write: the store does not open then,
 * and says so with a {@link CorruptDataException} naming the file (applying the frames after it, or
 * skipping them, could each leave a node whose children are gone). A directory without a log (a store
 * written before deletions existed) gets an empty one.
 *
 * <p>When segments are rewritten and deleted, their entries are dropped by rewriting the log as a
 * whole ({@link #compact}, through {@link FileStoreAtomicWrite}), so the log holds at most one entry
 * per deleted record still on disk: 8 bytes each.
 *
 * <pre>
 * header   8 bytes  magic "PGBLDELS", 4 bytes format version (1), 4 bytes reserved (0)
 * frame    4 bytes  entry count n (1 to {@value #MAX_FRAME_ENTRIES}), 4 bytes CRC-32C over the count
 *                   and the entries, n entries of 8 bytes: a record's location without its length
 * </pre>
 *
 * Not thread-safe: the store appends and compacts under its write lock.
 */
final class FileStoreDeletionLog implements AutoCloseable {

    static final String FILE_NAME = "pagable.deletions";

    /** The most entries in one frame (512 KiB): a longer batch is written as several frames. */
    static final int MAX_FRAME_ENTRIES = 1 << 16;

    private static final int HEADER_BYTES = 16;

    private static final int FRAME_HEADER_BYTES = 8;

    private static final int MAX_FRAME_BYTES = FRAME_HEADER_BYTES + MAX_FRAME_ENTRIES * Long.BYTES;

    private static final long MAGIC = 0x5047424C44454C53L; // "PGBLDELS"

    private static final int VERSION = 1;

    private static final Logger logger = LoggerFactory.getLogger(FileContentStore.class);

    private final Path file;

    private final boolean fsync;

    private FileChannel channel;

    private long length;

    /** The deleted locations read when the log was opened, sorted; let go of once the store is open. */
    private long[] opened;

    private FileStoreDeletionLog(Path file, boolean fsync, FileChannel channel, long length, long[] opened) {
        this.file = file;
        this.fsync = fsync;
        this.channel = channel;
        this.length = length;
        this.opened = opened;
    }

    /**
     * Opens a directory's deletion log, creating it if there is none and cutting off a torn last
     * frame.
     *
     * @throws CorruptDataException naming the file if it is damaged
     * @throws StoreException if it has another format version
     */
    static FileStoreDeletionLog open(Path directory, boolean fsync) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = Files.exists(file)
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileStoreAtomicWrite.replace(file, FileStoreDeletionLog::writeHeader, fsync, FileStoreSteps.NONE);
        try {
            Locations entries = new Locations();
            long end = read(file, channel, entries, fsync);
            if (end < channel.size()) {
                logger.warn(
                        "{} ends in an incomplete frame (a write interrupted by a crash): cutting off its last {} "
                                + "bytes; the deletions of that one batch are undone",
                        file,
                        channel.size() - end);
                channel.truncate(end);
                if (fsync) {
                    channel.force(true);
                }
            }
            long[] sorted = Arrays.copyOf(entries.values(), entries.size());
            Arrays.sort(sorted);
            return new FileStoreDeletionLog(file, fsync, channel, end, sorted);
        } catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
    }

    /**
     * Reads every whole frame into {@code entries}; returns where the last whole frame ends. With
     * fsync off, frames are not forced one by one, so a power failure may tear more than the last:
     * any frame that is not whole ends the log then.
     */
    private static long read(Path file, FileChannel channel, Locations entries, boolean fsync) throws IOException {
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        if (size < HEADER_BYTES || channel.read(header, 0) < HEADER_BYTES || header.getLong(0) != MAGIC) {
            throw damaged(file, "it does not start as a deletion log does");
        }
        if (header.getInt(8) != VERSION) {
            throw new StoreException(file + " has format version " + header.getInt(8) + ", but this pagable reads "
                    + "version " + VERSION + ". Open the directory with the pagable version that wrote it.");
        }
        ByteBuffer frame = ByteBuffer.allocate(MAX_FRAME_BYTES);
        long position = HEADER_BYTES;
        while (position < size) {
            int count = readFrame(channel, frame, position, size);
            if (count < 0) {
                if (fsync && size - position > MAX_FRAME_BYTES) {
                    throw damaged(file, "the frame at offset " + position + " fails its checksum");
                }
                return position;
            }
            for (int i = 0; i < count; i++) {
                entries.add(frame.getLong(FRAME_HEADER_BYTES + i * Long.BYTES));
            }
            position += FRAME_HEADER_BYTES + (long) count * Long.BYTES;
        }
        return position;
    }

    /** Reads the frame at a position into {@code frame}; returns its count, or -1 if it is not whole and intact. */
    private static int readFrame(FileChannel channel, ByteBuffer frame, long position, long size) throws IOException {
        frame.clear().limit((int) Math.min(MAX_FRAME_BYTES, size - position));
        while (frame.hasRemaining() && channel.read(frame, position + frame.position()) >= 0) {
            // reads until the frame's bytes or the file end
        }
        if (frame.position() < FRAME_HEADER_BYTES) {
            return -1;
        }
        int count = frame.getInt(0);
        if (count < 1 || count > MAX_FRAME_ENTRIES || FRAME_HEADER_BYTES + count * Long.BYTES > frame.position()) {
            return -1;
        }
        return (checksum(frame, count) == frame.getInt(4)) ? count : -1;
    }

    private static int checksum(ByteBuffer frame, int count) {
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), 0, 4);
        crc.update(frame.array(), FRAME_HEADER_BYTES, count * Long.BYTES);
        return (int) crc.getValue();
    }

    /** Tells whether the log held a location (without its length) when it was opened. */
    boolean deletedAtOpen(long position) {
        return Arrays.binarySearch(opened, position) >= 0;
    }

    /** Returns the highest segment id the log named when it was opened, or 0. */
    int highestSegmentAtOpen() {
        int highest = 0;
        for (long position : opened) {
            highest = Math.max(highest, SegmentFormat.segmentId(position));
        }
        return highest;
    }

    /** Returns the highest location the log named in a segment when it was opened, or 0. */
    long highestAtOpen(int segmentId) {
        long highest = 0;
        for (long position : opened) {
            if (SegmentFormat.segmentId(position) == segmentId) {
                highest = Math.max(highest, position);
            }
        }
        return highest;
    }

    /** Lets go of the locations read when the log was opened, once the store is open. */
    void opened() {
        opened = new long[0];
    }

    /**
     * Appends deleted locations (stored without their lengths), in frames of at most
     * {@value #MAX_FRAME_ENTRIES}, each forced to the disk before the next if the store has fsync on
     * (so that only the last can be torn). If writing fails, the log is cut back to the end of the
     * last frame written whole, so no partial frame stays before later ones.
     */
    void append(long[] locations, int count) throws IOException {
        for (int from = 0; from < count; from += MAX_FRAME_ENTRIES) {
            long start = length;
            try {
                length += writeFrame(channel, length, locations, from, Math.min(MAX_FRAME_ENTRIES, count - from));
                if (fsync) {
                    channel.force(false);
                }
            } catch (IOException | RuntimeException ex) {
                try {
                    channel.truncate(start);
                } catch (IOException suppressed) {
                    ex.addSuppressed(suppressed);
                }
                length = start;
                throw ex;
            }
        }
    }

    /** Forces the log to the disk, whatever the store's fsync setting: before a segment file is deleted. */
    void force() throws IOException {
        channel.force(false);
    }

    /**
     * Rewrites the log without the entries of segments that are gone, replacing the file atomically
     * and forcing it to the disk.
     *
     * @param steps told when the new log is written and not yet renamed over the old one
     */
    void compact(IntPredicate gone, FileStoreSteps steps) throws IOException {
        FileChannel replaced = FileStoreAtomicWrite.replace(file, (target) -> copyKept(gone, target), true, steps);
        FileChannel old = channel;
        channel = replaced;
        length = replaced.size();
        old.close();
    }

    private void copyKept(IntPredicate gone, FileChannel target) throws IOException {
        writeHeader(target);
        long[] kept = new long[MAX_FRAME_ENTRIES];
        int count = 0;
        long written = HEADER_BYTES;
        ByteBuffer frame = ByteBuffer.allocate(MAX_FRAME_BYTES);
        for (long position = HEADER_BYTES; position < length; ) {
            int entries = readFrame(channel, frame, position, length);
            if (entries < 0) {
                throw new IOException("the frame at offset " + position + " of " + file + " changed since it was read");
            }
            for (int i = 0; i < entries; i++) {
                long entry = frame.getLong(FRAME_HEADER_BYTES + i * Long.BYTES);
                if (!gone.test(SegmentFormat.segmentId(entry))) {
                    kept[count++] = entry;
                }
                if (count == MAX_FRAME_ENTRIES) {
                    written += writeFrame(target, written, kept, 0, count);
                    count = 0;
                }
            }
            position += FRAME_HEADER_BYTES + (long) entries * Long.BYTES;
        }
        if (count > 0) {
            writeFrame(target, written, kept, 0, count);
        }
    }

    /** Writes a frame of locations (without their lengths); returns its length. */
    private static long writeFrame(FileChannel target, long at, long[] locations, int from, int count)
            throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER_BYTES + count * Long.BYTES);
        frame.putInt(count).putInt(0);
        for (int i = from; i < from + count; i++) {
            frame.putLong(SegmentFormat.withoutLength(locations[i]));
        }
        frame.putInt(4, checksum(frame, count)).flip();
        FileStoreAtomicWrite.writeFully(target, frame, at);
        return frame.limit();
    }

    private static void writeHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES)
                .putLong(MAGIC)
                .putInt(VERSION)
                .putInt(0)
                .flip();
        FileStoreAtomicWrite.writeFully(channel, header, 0);
    }

    /** Returns the log's length in bytes. */
    long length() {
        return length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static CorruptDataException damaged(Path file, String problem) {
        return new CorruptDataException(
                null,
                "the deletion log " + file + " is damaged: " + problem + ". Opening the store without it would "
                        + "bring back deleted nodes whose children may be gone; restore the directory from a backup");
    }

    /** A growing list of record locations, for {@link #append}. Not thread-safe. */
    static final class Locations {

        private long[] values = new long[64];

        private int size;

        void add(long location) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = location;
        }

        /** The locations, in the first {@link #size()} places. */
        long[] values() {
            return values;
        }

        int size() {
            return size;
        }
    }
}
