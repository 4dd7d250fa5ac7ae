package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.GarbageCollection;
import io.pagable.PagableStorage;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a JVM (SIGKILL) in the middle of a garbage collection of a file store: at each step between
 * the steps of its deletes and of giving space back, and at random moments. After each kill the store
 * opens and the root loads with every node it reaches; then one more version is saved, and a second
 * collection finishes, gives space back and leaves the store holding exactly the nodes a fresh store
 * of the newest version holds, in no more bytes than the rewrite threshold allows.
 */
class FileContentStoreCollectionCrashTests {

    @TempDir
    Path directory;

    @TempDir
    Path freshDirectory;

    @TempDir
    Path work;

    @ParameterizedTest(name = "killed at {0} #{1}")
    @CsvSource({
        FileStoreSteps.DELETIONS_LOGGED + ", 1",
        FileStoreSteps.DELETIONS_LOGGED + ", 2",
        FileStoreSteps.RECORDS_COPIED + ", 1",
        FileStoreSteps.COPIES_FORCED + ", 1",
        FileStoreSteps.MOVES_LOGGED + ", 1",
        FileStoreSteps.SEGMENT_DELETED + ", 1",
        FileStoreSteps.SEGMENT_DELETED + ", 4",
        FileStoreSteps.REPLACEMENT_WRITTEN + ", 1"
    })
    void aCollectionKilledAtAnyStepLosesNothingLiveAndTheNextOneFinishesTheWork(String step, int occurrence)
            throws Exception {
        try (ChildJvm child =
                ChildJvm.start(work, "collect", directory.toString(), step, Integer.toString(occurrence))) {
            String line;
            while ((line = child.readLine()) != null && !line.equals("stopped " + step)) {
                assertThat(line).as("the child's errors: %s", child.errors()).doesNotStartWith("collected");
            }
            assertThat(line)
                    .as("reached %s; the child's errors: %s", step, child.errors())
                    .isNotNull();
            child.kill();
        }
        assertRecoversAndCollects();
    }

    @Test
    void aCollectionKilledAtRandomMomentsLosesNothingLive() throws Exception {
        Random random = new Random(19);
        for (int round = 0; round < 3; round++) {
            Path store = work.resolve("store-" + round);
            try (ChildJvm child = ChildJvm.start(work, "collect", store.toString(), "none", "0")) {
                String line;
                while ((line = child.readLine()) != null && !line.equals("collecting")) {
                    // saving the versions
                }
                assertThat(line).as("the child's errors: %s", child.errors()).isNotNull();
                LockSupport.parkNanos(random.nextInt(400) * 1_000_000L);
                child.kill();
            }
            directory = store;
            assertRecoversAndCollects();
        }
    }

    private void assertRecoversAndCollects() {
        long segmentBytes = FileStoreChild.COLLECTED_SEGMENT_BYTES;
        int kept = FileStoreChild.COLLECTED_VERSION;
        int next = kept + 1;
        try (FileContentStore store = new FileContentStore(directory, true, segmentBytes)) {
            ShelfVersions.assertLoads(store, kept);
            ShelfVersions.save(store, next, next);
            long before = ShelfVersions.directoryBytes(directory);
            GarbageCollection second;
            try (PagableStorage collector = ShelfVersions.engine(store)) {
                second = collector.collectGarbage();
            }
            assertThat(second.outcome()).isEqualTo(GarbageCollection.Outcome.COMPLETED);
            assertThat(second.nodesDeleted()).isPositive();
            ShelfVersions.assertLoads(store, next);
            Path fresh = freshDirectory.resolve(directory.getFileName());
            try (FileContentStore freshStore = new FileContentStore(fresh, true, segmentBytes)) {
                ShelfVersions.save(freshStore, next, next);
                assertThat(store.stats()).isEqualTo(freshStore.stats());
            }
            long bytes = ShelfVersions.directoryBytes(directory);
            long freshBytes = ShelfVersions.directoryBytes(fresh);
            System.out.printf(
                    "the second collection: %d bytes before, %d after, a fresh store %d%n", before, bytes, freshBytes);
            assertThat(bytes).isLessThan(before);
            // every segment kept is at least 3/4 live, but the one being written
            assertThat(bytes)
                    .isLessThanOrEqualTo(
                            (long) (freshBytes / FileStoreReclaim.REWRITE_BELOW_LIVE_SHARE) + segmentBytes);
        }
        try (FileContentStore store = new FileContentStore(directory, true, segmentBytes)) {
            ShelfVersions.assertLoads(store, next);
        }
    }
}
