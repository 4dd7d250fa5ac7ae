package io.pagable.store.file;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import io.pagable.store.file.SegmentFormat.RecordHeader;
import io.pagable.store.file.SegmentFormat.RecordKeys;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The last step of reading a record of one segment, whichever way its bytes were read (from the
 * memory map, {@link SegmentMap}, or positionally, {@link PositionalRecordReader}): a node is
 * returned only if the record's checksum matches its bytes together with the key asked for, and every
 * back-referenced child leads to a record the store holds. Anything else is a
 * {@link CorruptDataException} naming the key, the segment file and the offset. Holds no state of
 * its own beyond the segment's path and the keys by location: safe for concurrent reads.
 */
final class RecordCheck {

    private final Path path;

    private final RecordKeys keys;

    /**
     * Checks the records of one segment.
     *
     * @param path the segment file, named in the errors
     * @param keys the keys of records by location, for back-references to children
     */
    RecordCheck(Path path, RecordKeys keys) {
        this.path = path;
        this.keys = keys;
    }

    /**
     * Checks a record's checksum: {@code crc} holds its varints and child references; this adds the
     * data and the key asked for. Then looks up the keys of its back-referenced children.
     *
     * @throws CorruptDataException naming the key if the checksum does not match, or a child's
     *     back-reference does not lead to a record the store holds
     */
    StoredNode checked(
            DataKey key,
            long offset,
            CRC32C crc,
            RecordHeader header,
            @Nullable ChildReferences children,
            byte[] data) {
        crc.update(data);
        SegmentFormat.updateWithKey(crc, key.high(), key.low());
        if ((int) crc.getValue() != header.checksum()) {
            throw corrupt(
                    key,
                    offset,
                    "the record's checksum does not match its bytes and key (damaged, or the record of another key)",
                    null);
        }
        if (children == null) {
            return new StoredNode(key, data, List.of());
        }
        if (!children.resolve(keys)) {
            throw corrupt(
                    key,
                    offset,
                    "a child's back-reference does not lead to a record the store holds (it was lost to damage)",
                    null);
        }
        return new StoredNode(key, data, children.keys());
    }

    /** Room for a record's child references, or null if it has none. */
    static @Nullable ChildReferences references(RecordHeader header) {
        return (header.childCount() == 0) ? null : new ChildReferences(Math.min(header.childCount(), 16));
    }

    /**
     * The error for a failed read of a record: a damaged record if the file ends inside it, else a
     * {@link StoreException} naming the key, the file and the offset.
     */
    RuntimeException readFailed(DataKey key, long offset, IOException ex) {
        if (ex instanceof EOFException) {
            return corrupt(key, offset, "the record is cut short: the file ends inside it", ex);
        }
        return new StoreException(
                "Reading key " + key + " from " + path + " at offset " + offset + " failed: " + ex.getMessage()
                        + ". Check the disk and the file's permissions.",
                ex);
    }

    /** The error for a damaged record: names the key, the segment file and the record's offset. */
    CorruptDataException corrupt(DataKey key, long offset, String problem, @Nullable Throwable cause) {
        return new CorruptDataException(key, "in " + path + " at offset " + offset + ", " + problem, cause);
    }
}
