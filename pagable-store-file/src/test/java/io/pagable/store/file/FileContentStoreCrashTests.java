package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that is writing a file store in the middle of a batch, several times over, and checks
 * after each kill that everything flushed before it reads back intact, nothing reads back wrong, and
 * the store keeps working.
 */
class FileContentStoreCrashTests {

    private static final int ROUNDS = 3;

    @TempDir
    Path directory;

    @TempDir
    Path work;

    @Test
    void killedWriterLosesNothingFlushedAndLeavesNothingWrong() throws Exception {
        Random random = new Random(42);
        Set<Integer> flushed = new TreeSet<>();
        int nextBatch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int first = nextBatch;
            int lastFlushed = -1;
            try (ChildJvm child =
                    ChildJvm.start(work, "write", directory.toString(), Integer.toString(first), "1000")) {
                int killIn = first + 2 + random.nextInt(4);
                String line;
                while ((line = child.readLine()) != null) {
                    int batch = Integer.parseInt(line.substring(line.indexOf(' ') + 1));
                    if (line.startsWith("flushed ")) {
                        lastFlushed = batch;
                        flushed.add(batch);
                    } else if (batch == killIn) {
                        // The child is about to write this batch: kill it a little into the writing.
                        LockSupport.parkNanos(random.nextInt(4_000_000));
                        child.kill();
                        break;
                    }
                }
                assertThat(lastFlushed)
                        .as("last batch flushed by the child; its errors: %s", child.errors())
                        .isGreaterThanOrEqualTo(first);
            }
            // The child was killed while writing batch lastFlushed + 1 (or just after flushing it, before
            // saying so); the next round skips one more.
            nextBatch = lastFlushed + 3;
            assertStoreAfterCrash(flushed, nextBatch, round);
        }
    }

    private void assertStoreAfterCrash(Set<Integer> flushed, int nextBatch, int round) {
        try (FileContentStore store = new FileContentStore(directory)) {
            for (int batch = 0; batch < nextBatch; batch++) {
                List<StoredNode> expected = FileStoreChild.nodesOfBatch(batch);
                if (flushed.contains(batch)) {
                    assertThat(store.getAll(TestNodes.keys(expected)))
                            .as("batch %d, flushed before a kill", batch)
                            .hasSize(expected.size())
                            .containsValues(expected.toArray(StoredNode[]::new));
                } else {
                    int readable = 0;
                    for (StoredNode node : expected) {
                        Optional<StoredNode> found = store.get(node.key());
                        if (found.isPresent()) {
                            assertThat(found.get()).isEqualTo(node);
                            readable++;
                        }
                    }
                    System.out.printf(
                            "round %d: batch %d, not flushed, has %d of %d nodes readable%n",
                            round, batch, readable, expected.size());
                }
            }
            List<StoredNode> after = TestNodes.nodes(1_000_000L * (round + 1), 50, 3000);
            store.putAll(after);
            assertThat(store.getAll(TestNodes.keys(after)))
                    .hasSize(after.size())
                    .containsValues(after.toArray(StoredNode[]::new));
        }
    }
}
