package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.tck.Corruption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and damages records in a file store's segment files, following the format documented in
 * pagable-core's {@code SegmentFormat} (version 2): a 16-byte file header, then records of a header
 * (varint child count, varint data length, 2-byte header check, 4-byte checksum), the child keys and
 * the data. Records do not hold their keys: a record is found by deriving its key.
 */
final class SegmentFiles {

    static final int SEGMENT_HEADER_BYTES = 16;

    private SegmentFiles() {}

    /** Where one record is. */
    record Location(Path file, long offset, int headerBytes, int childCount, int dataLength) {

        long dataStart() {
            return offset + headerBytes + 16L * childCount;
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
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            int offset = SEGMENT_HEADER_BYTES;
            while (offset < bytes.limit()) {
                bytes.position(offset);
                int childCount = (int) varint(bytes);
                int dataLength = (int) varint(bytes);
                int headerBytes = bytes.position() - offset + 6;
                Location location = new Location(file, offset, headerBytes, childCount, dataLength);
                bytes.position(offset + headerBytes);
                List<DataKey> children = new ArrayList<>();
                for (int i = 0; i < childCount; i++) {
                    children.add(DataKey.of(bytes.getLong(), bytes.getLong()));
                }
                byte[] data = new byte[dataLength];
                bytes.get(data);
                if (DataKey.compute(data, children).equals(key)) {
                    return location;
                }
                offset = (int) location.end();
            }
        }
        throw new IllegalArgumentException("No record of key " + key + " in " + directory);
    }

    private static long varint(ByteBuffer bytes) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = bytes.get() & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    /** Appends a copy of every record of a segment to it, as a crash of a rewrite can leave them. */
    static void appendCopyOfRecords(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        Files.write(
                segment,
                java.util.Arrays.copyOfRange(bytes, SEGMENT_HEADER_BYTES, bytes.length),
                StandardOpenOption.APPEND);
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
