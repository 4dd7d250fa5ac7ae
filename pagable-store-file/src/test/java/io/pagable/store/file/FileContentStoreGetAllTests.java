package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileContentStore#getAll} reads runs of neighbouring records with one read each: whatever
 * the mix of neighbours, gaps, large records, segments and absent keys, it returns exactly the nodes
 * asked for, in the order asked.
 */
class FileContentStoreGetAllTests {

    @TempDir
    Path directory;

    @Test
    void returnsExactlyTheNodesAskedForWhateverTheirPlacesOnDisk() {
        Random random = new Random(5);
        List<StoredNode> nodes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int size = switch (i % 10) {
                case 0 -> 5_000 + random.nextInt(3_000);
                case 1 -> 0;
                default -> random.nextInt(600);
            };
            List<DataKey> children =
                    (i % 3 == 0 && i > 0) ? List.of(nodes.get(i - 1).key()) : List.of();
            nodes.add(TestNodes.node(i, size, children));
        }
        try (FileContentStore store = new FileContentStore(directory, false, 256 * 1024)) {
            for (int from = 0; from < nodes.size(); from += 250) {
                store.putAll(nodes.subList(from, from + 250));
            }
            for (int round = 0; round < 50; round++) {
                List<StoredNode> wanted = new ArrayList<>();
                int first = random.nextInt(nodes.size());
                for (int i = first; i < Math.min(nodes.size(), first + 1 + random.nextInt(200)); i++) {
                    if (random.nextInt(4) != 0) {
                        wanted.add(nodes.get(i));
                    }
                }
                Collections.shuffle(wanted, random);
                List<DataKey> keys = new ArrayList<>(TestNodes.keys(wanted));
                keys.add(TestNodes.node(-1 - round, 10).key());
                if (!keys.isEmpty()) {
                    keys.add(keys.get(0));
                }
                Map<DataKey, StoredNode> expected = new LinkedHashMap<>();
                wanted.forEach((node) -> expected.put(node.key(), node));
                assertThat(store.getAll(keys)).containsExactlyEntriesOf(expected);
            }
            Map<DataKey, StoredNode> all = new LinkedHashMap<>();
            nodes.forEach((node) -> all.put(node.key(), node));
            assertThat(store.getAll(TestNodes.keys(nodes))).containsExactlyEntriesOf(all);
        }
    }

    @Test
    void damagedRecordInsideARunIsReportedNamingItsKey() throws IOException {
        List<StoredNode> nodes = TestNodes.nodes(1, 20, 100);
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(nodes);
            long tenth = SegmentFormat.SEGMENT_HEADER_BYTES;
            for (int i = 0; i < 10; i++) {
                StoredNode node = nodes.get(i);
                tenth += SegmentFormat.recordBytes(node.children().size(), node.data().length);
            }
            try (FileChannel channel = FileChannel.open(
                    directory.resolve(SegmentFormat.fileName(1)), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                channel.read(one, tenth + 50);
                one.put(0, (byte) (one.get(0) ^ 0x10)).flip();
                channel.write(one, tenth + 50);
            }
            assertThatExceptionOfType(CorruptDataException.class)
                    .isThrownBy(() -> store.getAll(TestNodes.keys(nodes)))
                    .withMessageContaining(nodes.get(10).key().toHex());
            List<StoredNode> intact = new ArrayList<>(nodes);
            intact.remove(10);
            assertThat(store.getAll(TestNodes.keys(intact))).hasSize(19);
        }
    }

    @Test
    void runEndsAtGapsLargeRecordsAndSegments() {
        long small = SegmentFormat.location(1, 16, 100);
        long adjacent = SegmentFormat.location(1, 116, 200);
        long nearby = SegmentFormat.location(1, 316 + RecordRuns.GAP_BYTES, 50);
        long far = SegmentFormat.location(1, 367 + 2L * RecordRuns.GAP_BYTES, 50);
        long large = SegmentFormat.location(1, 1_000_000, 5_000);
        long otherSegment = SegmentFormat.location(2, 16, 10);
        long[] locations = {small, adjacent, nearby, far, large, otherSegment};
        Integer[] order = {0, 1, 2, 3, 4, 5};
        assertThat(RecordRuns.runEnd(locations, order, 0)).isEqualTo(3);
        assertThat(RecordRuns.runEnd(locations, order, 3)).isEqualTo(4);
        assertThat(RecordRuns.runEnd(locations, order, 4)).isEqualTo(5);
        assertThat(RecordRuns.runEnd(locations, order, 5)).isEqualTo(6);
    }
}
