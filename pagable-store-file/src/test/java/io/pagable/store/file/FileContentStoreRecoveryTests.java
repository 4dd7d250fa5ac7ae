package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.pagable.CorruptDataException;
import io.pagable.StoreException;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damages a closed file store's segments the ways a crash or a failing disk would, reopens it and
 * checks what is readable. The record layout is {@link SegmentFormat}'s.
 */
class FileContentStoreRecoveryTests {

    private static final StoredNode FIRST = TestNodes.node(1, 300);

    private static final StoredNode SECOND = TestNodes.node(2, 5000, List.of(FIRST.key()));

    private static final StoredNode THIRD = TestNodes.node(3, 700);

    @TempDir
    Path directory;

    /**
     * Cut points inside the third record (9 bytes of header, then 700 of data): in its varints, its
     * header check, its checksum, its data, before its last byte.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9, 10, 400, 708})
    void tornLastRecordIsCutOffAndEverythingBeforeItStays(int keptBytesOfThirdRecord) throws IOException {
        writeThreeNodes();
        long thirdOffset = segmentLength() - SegmentFormat.recordBytes(0, THIRD.data().length);
        truncateSegment(thirdOffset + keptBytesOfThirdRecord);
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.get(FIRST.key())).contains(FIRST);
            assertThat(store.get(SECOND.key())).contains(SECOND);
            assertThat(store.get(THIRD.key())).isEmpty();
            assertThat(store.stats()).isEqualTo(new StoreStats(2, FIRST.storedSize() + SECOND.storedSize()));
            store.put(THIRD);
        }
        assertThat(segmentLength()).isEqualTo(thirdOffset + SegmentFormat.recordBytes(0, THIRD.data().length));
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.getAll(List.of(FIRST.key(), SECOND.key(), THIRD.key())))
                    .hasSize(3);
        }
    }

    @Test
    void garbageAfterLastRecordIsCutOff() throws IOException {
        writeThreeNodes();
        long length = segmentLength();
        try (FileChannel channel = FileChannel.open(segment(1), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[4096]));
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.stats().entries()).isEqualTo(3);
            store.put(TestNodes.node(4, 10));
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.stats().entries()).isEqualTo(4);
            assertThat(store.get(TestNodes.node(4, 10).key())).isPresent();
        }
        assertThat(segmentLength()).isEqualTo(length + SegmentFormat.recordBytes(0, 10));
    }

    @Test
    void damagedRecordInTheMiddleIsSkippedAndLaterRecordsStayReadable() throws IOException {
        writeThreeNodes();
        long secondData = SegmentFormat.SEGMENT_HEADER_BYTES
                + SegmentFormat.recordBytes(0, FIRST.data().length)
                + SegmentFormat.headerBytes(1, SECOND.data().length)
                + 16;
        flipByte(secondData + 100);
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.get(FIRST.key())).contains(FIRST);
            assertThat(store.get(SECOND.key())).isEmpty();
            assertThat(store.get(THIRD.key())).contains(THIRD);
            store.put(SECOND);
        }
        assertThat(segments()).as("writes go to a new segment after damage").hasSize(2);
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.getAll(List.of(FIRST.key(), SECOND.key(), THIRD.key())))
                    .hasSize(3);
        }
    }

    /** Bytes of the second record's header: its data length, its header check, its checksum. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void damagedRecordHeaderIsSkippedAndLaterRecordsStayReadable(int headerByte) throws IOException {
        writeThreeNodes();
        long secondOffset = SegmentFormat.SEGMENT_HEADER_BYTES + SegmentFormat.recordBytes(0, FIRST.data().length);
        flipByte(secondOffset + headerByte);
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.get(FIRST.key())).contains(FIRST);
            assertThat(store.get(SECOND.key())).isEmpty();
            assertThat(store.get(THIRD.key())).contains(THIRD);
        }
    }

    @Test
    void recordDamagedWhileStoreIsOpenIsReportedAsCorrupt() throws IOException {
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(List.of(FIRST, SECOND, THIRD));
            long secondOffset = SegmentFormat.SEGMENT_HEADER_BYTES + SegmentFormat.recordBytes(0, FIRST.data().length);
            flipByte(secondOffset + 12);
            assertThatExceptionOfType(CorruptDataException.class)
                    .isThrownBy(() -> store.get(SECOND.key()))
                    .withMessageContaining(SECOND.key().toHex())
                    .withMessageContaining("checksum");
            assertThat(store.get(THIRD.key())).contains(THIRD);
        }
    }

    @Test
    void segmentsRollOverAtTheirMaximumSizeAndAllReopen() {
        List<StoredNode> nodes = TestNodes.nodes(1, 100, 10_000);
        try (FileContentStore store = new FileContentStore(directory, true, 64 * 1024)) {
            store.putAll(nodes.subList(0, 50));
            store.putAll(nodes.subList(50, 100));
            store.put(TestNodes.node(7, 200_000));
            assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(100);
        }
        assertThat(segments()).hasSizeGreaterThan(15);
        try (FileContentStore store = new FileContentStore(directory, true, 64 * 1024)) {
            assertThat(store.getAll(TestNodes.keys(nodes))).containsValues(nodes.toArray(StoredNode[]::new));
            assertThat(store.get(TestNodes.node(7, 200_000).key())).isPresent();
        }
    }

    @Test
    void segmentOfNewerFormatIsRefusedNamingTheVersion() throws IOException {
        writeThreeNodes();
        try (FileChannel channel = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, 4), 8);
        }
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> new FileContentStore(directory))
                .withMessageContaining("format version 4");
        try (FileChannel channel = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, 3), 8);
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.stats().entries())
                    .as("the failed open released the lock")
                    .isEqualTo(3);
        }
    }

    @Test
    void regularFileIsRefusedAsDirectory() throws IOException {
        Path file = Files.createFile(directory.resolve("plain"));
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> new FileContentStore(file))
                .withMessageContaining(file.toString());
    }

    @Test
    void closedStoreRefusesCalls() {
        FileContentStore store = new FileContentStore(directory);
        store.close();
        assertThatIllegalStateException()
                .isThrownBy(() -> store.get(FIRST.key()))
                .withMessageContaining("closed");
        assertThatIllegalStateException().isThrownBy(() -> store.put(FIRST)).withMessageContaining("closed");
    }

    @Test
    void interruptedThreadCanReadAndWriteAndKeepsItsInterrupt() {
        try (FileContentStore store = new FileContentStore(directory)) {
            store.put(FIRST);
            Thread.currentThread().interrupt();
            try {
                store.put(SECOND);
                assertThat(store.get(FIRST.key())).contains(FIRST);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(store.get(SECOND.key())).contains(SECOND);
        }
    }

    @Test
    void indexTakesAtMostOneHundredTenBytesOfNativeMemoryPerNode() {
        try (FileContentStore store = new FileContentStore(directory, false)) {
            for (int from = 0; from < 200_000; from += 10_000) {
                store.putAll(TestNodes.nodes(from, 10_000, 8));
            }
            assertThat(store.stats().entries()).isEqualTo(200_000);
            assertThat(store.indexNativeBytes()).isBetween(66L * 200_000, 110L * 200_000);
        }
    }

    @Test
    void reopenedStoreSizesItsIndexForTheRecordsItFindsAndFindsEveryOne() {
        List<StoredNode> nodes = new ArrayList<>();
        try (FileContentStore store = new FileContentStore(directory, false)) {
            for (int from = 0; from < 100_000; from += 10_000) {
                List<StoredNode> batch = TestNodes.nodes(from, 10_000, 8);
                store.putAll(batch);
                nodes.addAll(batch);
            }
        }
        try (FileContentStore store = new FileContentStore(directory, false)) {
            assertThat(store.stats().entries()).isEqualTo(100_000);
            assertThat(store.indexNativeBytes()).isBetween(66L * 100_000, 110L * 100_000);
            for (int i = 0; i < nodes.size(); i += 101) {
                assertThat(store.get(nodes.get(i).key())).contains(nodes.get(i));
            }
        }
    }

    @Test
    void checksumDamagedOnDiskIsSkippedOnOpenAndReportedWhileOpen() throws IOException {
        writeThreeNodes();
        long secondChecksum = SegmentFormat.SEGMENT_HEADER_BYTES
                + SegmentFormat.recordBytes(0, FIRST.data().length)
                + SegmentFormat.headerBytes(1, 2 + SECOND.data().length) // a 2-byte back-reference to FIRST
                - 1;
        try (FileContentStore store = new FileContentStore(directory)) {
            flipByte(secondChecksum);
            assertThatExceptionOfType(CorruptDataException.class)
                    .isThrownBy(() -> store.get(SECOND.key()))
                    .withMessageContaining(SECOND.key().toHex())
                    .withMessageContaining("checksum");
            assertThatExceptionOfType(CorruptDataException.class)
                    .isThrownBy(() -> store.getAll(List.of(FIRST.key(), SECOND.key(), THIRD.key())))
                    .withMessageContaining(SECOND.key().toHex());
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.getAll(List.of(FIRST.key(), SECOND.key(), THIRD.key())))
                    .containsOnlyKeys(FIRST.key(), THIRD.key());
        }
    }

    @Test
    void recordWhoseBackReferencedChildIsDamagedIsLostWithItAndCanBeStoredAgain() throws IOException {
        writeThreeNodes(); // SECOND refers back to FIRST
        flipByte(SegmentFormat.SEGMENT_HEADER_BYTES + SegmentFormat.recordBytes(0, FIRST.data().length) - 1);
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.get(FIRST.key())).isEmpty();
            assertThat(store.get(SECOND.key()))
                    .as("its child's key cannot be known")
                    .isEmpty();
            assertThat(store.get(THIRD.key())).contains(THIRD);
            store.putAll(List.of(FIRST, SECOND));
            assertThat(store.get(SECOND.key())).contains(SECOND);
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.getAll(List.of(FIRST.key(), SECOND.key(), THIRD.key())))
                    .containsEntry(FIRST.key(), FIRST)
                    .containsEntry(SECOND.key(), SECOND)
                    .containsEntry(THIRD.key(), THIRD);
        }
    }

    @Test
    void childStoredEarlierInTheSameBatchIsABackReferenceAndOneInAnEarlierSegmentIsAKey() throws IOException {
        StoredNode child = TestNodes.node(20, 40_000);
        StoredNode parent = TestNodes.node(21, 100, List.of(child.key()));
        StoredNode later = TestNodes.node(22, 100, List.of(child.key()));
        try (FileContentStore store = new FileContentStore(directory, false, 64 * 1024)) {
            store.putAll(List.of(child, parent));
            store.put(TestNodes.node(23, 30_000)); // segment 2: the first is full
            store.put(later);
        }
        long childBytes = SegmentFormat.recordBytes(0, child.data().length);
        long back = SegmentFormat.varintLength(childBytes);
        assertThat(Files.size(segment(1)))
                .isEqualTo(SegmentFormat.SEGMENT_HEADER_BYTES
                        + childBytes
                        + SegmentFormat.recordBytes(1, back, parent.data().length));
        assertThat(Files.size(segment(2)))
                .isEqualTo(SegmentFormat.SEGMENT_HEADER_BYTES
                        + SegmentFormat.recordBytes(0, 30_000)
                        + SegmentFormat.recordBytes(1, parent.data().length));
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.get(parent.key())).contains(parent);
            assertThat(store.get(later.key())).contains(later);
        }
    }

    /**
     * Damaged bytes can pass a header check (one position in 65,536 does) and claim millions of
     * children; opening must not make room for them before reading them.
     */
    @Test
    void headerClaimingMillionsOfChildrenIsSkippedWithoutMakingRoomForThem() throws IOException {
        writeThreeNodes();
        long length = segmentLength();
        int children = 4_000_000;
        ByteBuffer varints = ByteBuffer.allocate(10);
        SegmentFormat.putVarint(varints, children);
        SegmentFormat.putVarint(varints, children); // a body of one byte per child: back-references of 1
        java.util.zip.CRC32C check = new java.util.zip.CRC32C();
        check.update(varints.array(), 0, varints.position());
        ByteBuffer claim = ByteBuffer.allocate(varints.position() + 6 + children);
        claim.put(varints.array(), 0, varints.position())
                .putShort((short) check.getValue())
                .putInt(0);
        while (claim.hasRemaining()) {
            claim.put((byte) 1);
        }
        try (FileChannel channel = FileChannel.open(segment(1), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(claim.flip());
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(threads.getCurrentThreadAllocatedBytes() - before)
                    .as("bytes allocated while opening")
                    .isLessThan(32L << 20);
            assertThat(store.getAll(List.of(FIRST.key(), SECOND.key(), THIRD.key())))
                    .hasSize(3);
        }
        assertThat(segmentLength()).as("cut off as a torn tail").isEqualTo(length);
    }

    /** The key is not stored, but the checksum covers it: another key's intact record is not returned. */
    @Test
    void recordOfAnotherKeyAtTheIndexedPlaceIsReportedAsCorrupt() throws IOException {
        StoredNode one = TestNodes.node(10, 500);
        StoredNode two = TestNodes.node(11, 500);
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(List.of(one, two));
            long length = SegmentFormat.recordBytes(0, 500);
            byte[] first = new byte[(int) length];
            try (FileChannel channel =
                    FileChannel.open(segment(1), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                channel.read(ByteBuffer.wrap(first), SegmentFormat.SEGMENT_HEADER_BYTES);
                channel.write(ByteBuffer.wrap(first), SegmentFormat.SEGMENT_HEADER_BYTES + length);
            }
            assertThat(store.get(one.key())).contains(one);
            assertThatExceptionOfType(CorruptDataException.class)
                    .isThrownBy(() -> store.get(two.key()))
                    .withMessageContaining(two.key().toHex())
                    .withMessageContaining("another key");
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.get(one.key())).contains(one);
            assertThat(store.get(two.key())).isEmpty();
            assertThat(store.stats().entries()).isOne();
        }
    }

    @Test
    void directoryOfFormatVersionOneIsRefusedNamingTheFileAndWhatToDo() throws IOException {
        ByteBuffer v1 = ByteBuffer.allocate(16 + 32 + 10);
        v1.putLong(SegmentFormat.SEGMENT_MAGIC).putInt(1).putInt(0);
        v1.putInt(0x50474E44).putInt(0).putLong(1).putLong(2).putInt(0).putInt(10);
        Files.write(segment(1), v1.array());
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> new FileContentStore(directory))
                .withMessageContaining(segment(1).toString())
                .withMessageContaining("format version 1")
                .withMessageContaining("Delete the directory");
        assertThat(Files.size(segment(1))).as("the file is left as it was").isEqualTo(58);
        Files.delete(segment(1));
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.stats().entries())
                    .as("the failed open released the lock")
                    .isZero();
        }
    }

    @Test
    void recordsStoredTwiceOnDiskAreIndexedAndCountedOnce() throws IOException {
        List<StoredNode> nodes = TestNodes.nodes(100, 5_000, 20); // more than one batch of the index
        try (FileContentStore store = new FileContentStore(directory, false)) {
            store.putAll(nodes);
        }
        SegmentFiles.appendCopyOfRecords(directory.resolve(SegmentFormat.fileName(1)));
        try (FileContentStore store = new FileContentStore(directory, false)) {
            assertThat(store.stats()).isEqualTo(new StoreStats(nodes.size(), TestNodes.storedSize(nodes)));
            for (StoredNode node : nodes) {
                assertThat(store.get(node.key())).contains(node);
            }
        }
    }

    private void writeThreeNodes() {
        try (FileContentStore store = new FileContentStore(directory)) {
            store.put(FIRST);
            store.put(SECOND);
            store.put(THIRD);
        }
    }

    private Path segment(int id) {
        return directory.resolve(SegmentFormat.fileName(id));
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter((file) -> file.getFileName().toString().startsWith("segment-"))
                    .toList();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private long segmentLength() throws IOException {
        return Files.size(segment(1));
    }

    private void truncateSegment(long length) throws IOException {
        try (FileChannel channel = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }

    private void flipByte(long position) throws IOException {
        try (FileChannel channel = FileChannel.open(segment(1), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
            channel.write(one, position);
        }
    }
}
