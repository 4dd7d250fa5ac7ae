package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileContentStore#putAll} writes one record per new key: keys already stored and keys given
 * more than once in a batch are written once.
 */
class FileContentStorePutAllTests {

    @TempDir
    Path directory;

    /** A store given the same nodes once each, to compare with. */
    @TempDir
    Path once;

    @Test
    void newKeysGivenMoreThanOnceInABatchAreWrittenOnce() throws IOException {
        List<StoredNode> distinct = TestNodes.nodes(1, 500, 40);
        List<StoredNode> batch = new ArrayList<>();
        for (StoredNode node : distinct) {
            batch.add(node);
            batch.add(distinct.get(0));
        }
        batch.addAll(distinct);
        try (FileContentStore store = new FileContentStore(directory, false)) {
            store.put(distinct.get(1));
            store.putAll(batch);
            assertThat(store.stats()).isEqualTo(new StoreStats(distinct.size(), TestNodes.storedSize(distinct)));
            for (StoredNode node : distinct) {
                assertThat(store.get(node.key())).contains(node);
            }
        }
        try (FileContentStore store = new FileContentStore(once, false)) { // each node given once, in that order
            store.put(distinct.get(1));
            store.putAll(distinct);
        }
        assertThat(Files.size(directory.resolve(SegmentFormat.fileName(1))))
                .isEqualTo(Files.size(once.resolve(SegmentFormat.fileName(1))));
    }
}
