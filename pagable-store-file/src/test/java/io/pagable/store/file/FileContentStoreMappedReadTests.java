package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileContentStore} reads records through a memory map of each segment: records written after
 * the map was made are read positionally until the segment is mapped again, records too large for
 * one read and records of other segments are found, and a file cut short under an open store is
 * reported as damage, not as a fault of the memory map.
 */
class FileContentStoreMappedReadTests {

    @TempDir
    Path directory;

    @Test
    void recordsWrittenAfterTheMapWasMadeAreReadBeforeAndAfterRemapping() {
        try (FileContentStore store = new FileContentStore(directory, false, 64L * 1024 * 1024, true)) {
            List<StoredNode> stored = new ArrayList<>();
            for (int batch = 0; batch < 12; batch++) {
                // 300 KiB per batch: the first batches stay below the remapping threshold, later ones cross it.
                List<StoredNode> nodes = TestNodes.nodes(batch * 1_000L, 300, 1_000);
                store.putAll(nodes);
                stored.addAll(nodes);
                for (StoredNode node : stored) {
                    assertThat(store.get(node.key())).contains(node);
                }
                assertThat(store.getAll(TestNodes.keys(stored))).hasSize(stored.size());
            }
        }
    }

    @Test
    void mappedAndPositionalReadsReturnTheSameNodesAcrossSegments() {
        List<StoredNode> nodes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int size = (i % 7 == 0) ? 9_000 : i;
            List<DataKey> children = (i > 0) ? List.of(nodes.get(i - 1).key()) : List.of();
            nodes.add(TestNodes.node(i, size, children));
        }
        try (FileContentStore store = new FileContentStore(directory, false, 64 * 1024, true)) {
            store.putAll(nodes);
        }
        for (boolean mapped : new boolean[] {true, false}) {
            try (FileContentStore store = new FileContentStore(directory, false, 64 * 1024, mapped)) {
                for (StoredNode node : nodes) {
                    assertThat(store.get(node.key())).as("mapped %s", mapped).contains(node);
                }
                assertThat(store.getAll(TestNodes.keys(nodes)).values()).containsExactlyElementsOf(nodes);
            }
        }
    }

    @Test
    void segmentCutShortUnderAnOpenStoreIsReportedAsCorruptNamingTheKey() throws IOException {
        StoredNode first = TestNodes.node(1, 100);
        List<StoredNode> filler = TestNodes.nodes(10, 100, 1_000);
        StoredNode last = TestNodes.node(2, 100);
        try (FileContentStore store = new FileContentStore(directory, false, 64L * 1024 * 1024, true)) {
            store.put(first);
            store.putAll(filler);
            store.put(last);
            assertThat(store.get(last.key())).contains(last); // maps the whole segment
            Path segment = directory.resolve(SegmentFormat.fileName(1));
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                channel.truncate(4096); // well before the last record's page
            }
            assertThatExceptionOfType(CorruptDataException.class)
                    .isThrownBy(() -> store.get(last.key()))
                    .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(last.key()));
            assertThat(store.get(first.key())).contains(first);
        }
    }
}
