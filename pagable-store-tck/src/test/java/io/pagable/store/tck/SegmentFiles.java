package io.pagable.store.tck;

import io.pagable.DataKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and damages records in a file store's segment files, following the format documented in
 * pagable-core's {@code SegmentFormat}: a 16-byte file header, then records of a 32-byte header
 * (marker, checksum, key, child count, data length), the child keys and the data.
 */
final class SegmentFiles {

    static final int SEGMENT_HEADER_BYTES = 16;

    static final int RECORD_HEADER_BYTES = 32;

    private SegmentFiles() {}

    /** Where one record is. */
    record Location(Path file, long offset, int childCount, int dataLength) {

        long dataStart() {
            return offset + RECORD_HEADER_BYTES + 16L * childCount;
        }

        long end() {
            return dataStart() + dataLength;
        }
    }

    static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter((file) -> file.getFileName().toString().matches("segment-\\d{8}\\.dat"))
                    .sorted()
                    .toList();
        }
    }

    /** Walks the records of every segment and returns the first one holding the key. */
    static Location locate(Path directory, DataKey key) throws IOException {
        for (Path file : segments(directory)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long offset = SEGMENT_HEADER_BYTES;
                ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_BYTES);
                while (offset + RECORD_HEADER_BYTES <= channel.size()) {
                    header.clear();
                    channel.read(header, offset);
                    header.flip();
                    Location location = new Location(file, offset, header.getInt(24), header.getInt(28));
                    if (header.getLong(8) == key.high() && header.getLong(16) == key.low()) {
                        return location;
                    }
                    offset = location.end();
                }
            }
        }
        throw new IllegalArgumentException("No record of key " + key + " in " + directory);
    }

    static void corrupt(Path directory, DataKey key, Corruption corruption) throws IOException {
        Location location = locate(directory, key);
        try (FileChannel channel =
                FileChannel.open(location.file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            switch (corruption) {
                case FLIP_BYTE -> flipByte(channel, location.dataStart() + location.dataLength() / 2);
                case CUT_SHORT -> channel.truncate(location.dataStart() + location.dataLength() / 2);
            }
        }
    }

    static void flipByte(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, position);
        one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
        channel.write(one, position);
    }
}
