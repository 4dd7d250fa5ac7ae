package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import io.pagable.store.file.SegmentFormat.RecordHeader;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the bytes a file store writes against the format {@link SegmentFormat} documents. */
class SegmentFormatTests {

    @TempDir
    Path directory;

    @Test
    void recordHoldsVarintsHeaderCheckKeyedChecksumBackReferencesChildKeysAndData() throws IOException {
        StoredNode child = TestNodes.node(1, 10);
        DataKey elsewhere = TestNodes.node(3, 10).key(); // a child this store does not hold
        StoredNode node = TestNodes.node(2, 300, List.of(child.key(), elsewhere));
        try (FileContentStore store = new FileContentStore(directory)) {
            store.put(child);
            store.put(node);
        }
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(directory.resolve(SegmentFormat.fileName(1))));
        assertThat(file.getLong()).isEqualTo(SegmentFormat.SEGMENT_MAGIC);
        assertThat(file.getInt()).isEqualTo(3);
        assertThat(file.getInt()).isZero();
        int childRecord = file.position();
        assertThat(file.get()).as("child count").isZero();
        assertThat(file.get()).as("body length").isEqualTo((byte) 10);
        file.position(childRecord + 8 + 10);
        int nodeRecord = file.position();
        int body = 1 + (1 + 16) + 300; // a back-reference, a key, the data
        assertThat(file.remaining()).as("record length").isEqualTo(1 + 2 + 2 + 4 + body);
        byte[] varints = {2, (byte) (0x80 | (body & 0x7F)), (byte) (body >>> 7)};
        byte[] head = new byte[3];
        file.get(head);
        assertThat(head).isEqualTo(varints);
        CRC32C check = new CRC32C();
        check.update(varints);
        assertThat(file.getShort()).isEqualTo((short) check.getValue());
        int checksum = file.getInt();
        byte[] references = new byte[1 + 1 + 16];
        file.get(references);
        ByteBuffer reading = ByteBuffer.wrap(references);
        assertThat(reading.get()).as("back-reference").isEqualTo((byte) (nodeRecord - childRecord));
        assertThat(reading.get()).as("key follows").isZero();
        assertThat(DataKey.of(reading.getLong(), reading.getLong())).isEqualTo(elsewhere);
        byte[] data = new byte[file.remaining()];
        file.get(data);
        assertThat(data).isEqualTo(node.data());
        CRC32C crc = new CRC32C();
        crc.update(varints);
        crc.update(references);
        crc.update(data);
        crc.update(node.key().toBytes());
        assertThat(checksum).isEqualTo((int) crc.getValue());
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.get(node.key())).contains(node);
        }
    }

    @Test
    void smallRecordTakesEightBytesOfFraming() {
        assertThat(SegmentFormat.recordBytes(0, 0)).isEqualTo(8);
        assertThat(SegmentFormat.recordBytes(0, 127)).isEqualTo(8 + 127);
        assertThat(SegmentFormat.recordBytes(3, 260)).as("by key").isEqualTo(9 + 3 * 17 + 260);
        assertThat(SegmentFormat.recordBytes(3, 3 * 3, 260))
                .as("back-references")
                .isEqualTo(9 + 9 + 260);
        assertThat(SegmentFormat.headerBytes(Integer.MAX_VALUE, Integer.MAX_VALUE))
                .isEqualTo(SegmentFormat.MAX_RECORD_HEADER_BYTES);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, Integer.MAX_VALUE})
    void varintsRoundTripInTheirShortestForm(int value) {
        ByteBuffer buffer = ByteBuffer.allocate(8);
        SegmentFormat.putVarint(buffer, value);
        assertThat(buffer.position()).isEqualTo(SegmentFormat.varintLength(value));
        assertThat(SegmentFormat.readVarint(buffer, 0, 5)).isEqualTo(value);
        assertThat(SegmentFormat.readVarint(buffer, 0, buffer.position() - 1))
                .as("cut short")
                .isEqualTo(-1);
    }

    @Test
    void longerFormOfAVarintIsRefused() {
        ByteBuffer padded = ByteBuffer.wrap(new byte[] {(byte) 0x85, 0x00});
        assertThat(SegmentFormat.readVarint(padded, 0, 5)).isEqualTo(-1);
        ByteBuffer header = ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x00, 0x05, 0, 0, 0, 0, 0, 0});
        assertThat(RecordHeader.parse(header, 0, header.limit(), new CRC32C())).isNull();
    }

    @Test
    void keyDerivedWhileScanningEqualsTheKeyOfDataKey() {
        MessageDigest digest = SegmentFormat.sha256();
        for (int children = 0; children < 4; children++) {
            List<DataKey> keys = new ArrayList<>();
            for (int i = 0; i < children; i++) {
                keys.add(TestNodes.node(i, 5).key());
            }
            StoredNode node = TestNodes.node(children, 100 * children, keys);
            SegmentFormat.startKey(digest, children);
            for (DataKey key : keys) {
                digest.update(key.toBytes());
            }
            SegmentFormat.keyDataLength(digest, node.data().length);
            digest.update(node.data());
            assertThat(SegmentFormat.finishKey(digest)).isEqualTo(node.key());
        }
    }
}
