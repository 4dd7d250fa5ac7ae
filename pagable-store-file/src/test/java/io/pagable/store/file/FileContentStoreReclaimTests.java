package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.GarbageCollection;
import io.pagable.PagableStorage;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Giving space back: what {@link FileContentStore#reclaimSpace()} rewrites, keeps and deletes. */
class FileContentStoreReclaimTests {

    @TempDir
    Path directory;

    @TempDir
    Path freshDirectory;

    /**
     * Five versions of a shelf sharing 90% of their items from one to the next; a collection keeps
     * the newest, and the directory ends within a tenth of a fresh store's holding only it. With
     * segments of 128 KiB, those of the first version (60% live) are rewritten and the later ones
     * (their old shelf dead, their items live) stay; with the default size, the one segment being
     * written is sealed and rewritten.
     */
    @ParameterizedTest
    @ValueSource(longs = {128 * 1024, FileContentStore.DEFAULT_MAX_SEGMENT_BYTES})
    void aCollectionOfOldVersionsLeavesTheDirectoryWithinATenthOfAFreshStoresSize(long segmentBytes) {
        long before;
        GarbageCollection collection;
        try (FileContentStore store = new FileContentStore(directory, true, segmentBytes)) {
            ShelfVersions.save(store, 0, 4);
            before = ShelfVersions.directoryBytes(directory);
            try (PagableStorage collector = ShelfVersions.engine(store)) {
                collection = collector.collectGarbage();
            }
            ShelfVersions.assertLoads(store, 4);
        }
        long after = ShelfVersions.directoryBytes(directory);
        try (FileContentStore fresh = new FileContentStore(freshDirectory, true, segmentBytes)) {
            ShelfVersions.save(fresh, 4, 4);
        }
        long fresh = ShelfVersions.directoryBytes(freshDirectory);
        System.out.printf(
                "segments of %d bytes: %d bytes on disk before the collection, %d after (reclaimed %d), "
                        + "a fresh store of the newest version %d (%.3fx)%n",
                segmentBytes, before, after, collection.bytesReclaimed(), fresh, (double) after / fresh);
        assertThat(after).isLessThanOrEqualTo((long) (fresh * 1.1));
        try (FileContentStore reopened = new FileContentStore(directory, true, segmentBytes)) {
            ShelfVersions.assertLoads(reopened, 4);
        }
    }

    @Test
    void reclaimingKeepsEveryLiveNodeReadableWithItsChildrenAndGivesBackWhatItSays() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 4_000, 200); // every fourth node is its predecessor's parent
        List<StoredNode> kept = new ArrayList<>();
        List<StoredNode> garbage = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            ((i / 4) % 3 == 0 ? kept : garbage).add(nodes.get(i)); // whole groups: a parent with its child
        }
        StoreStats stats;
        try (FileContentStore store = new FileContentStore(directory, true, 64 * 1024)) {
            store.putAll(nodes);
            FileContentStoreDeletionTests.deleteAll(store, garbage);
            stats = store.stats();
            long before = segmentBytes();

            long reclaimed = store.reclaimSpace();

            assertThat(reclaimed).isPositive().isEqualTo(before - segmentBytes());
            assertThat(store.stats()).isEqualTo(stats);
            assertKept(store, kept, garbage);
            assertThat(Files.size(directory.resolve(FileStoreDeletionLog.FILE_NAME)))
                    .as("every segment a deletion named is gone: the log holds its header only")
                    .isEqualTo(16);
            assertThat(store.reclaimSpace()).as("nothing left to give back").isZero();
        }
        try (FileContentStore store = new FileContentStore(directory, true, 64 * 1024)) {
            assertThat(store.stats()).isEqualTo(stats);
            assertKept(store, kept, garbage);
        }
    }

    @Test
    void aSegmentMostlyLiveStaysAsItIs() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 100, 500);
        try (FileContentStore store = new FileContentStore(directory, true, 64 * 1024)) {
            store.putAll(nodes);
            FileContentStoreDeletionTests.deleteAll(store, nodes.subList(0, 20));
            List<Path> before = SegmentFiles.segments(directory);

            assertThat(store.reclaimSpace()).isZero();
            assertThat(SegmentFiles.segments(directory)).isEqualTo(before);
        }
    }

    @Test
    void theSegmentBeingWrittenIsSealedAndRewrittenWhenMostOfItIsDead() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 1_000, 300);
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(nodes);
            FileContentStoreDeletionTests.deleteAll(store, nodes.subList(0, 900));

            assertThat(store.reclaimSpace()).isPositive();
            assertThat(SegmentFiles.segments(directory)).containsExactly(directory.resolve(SegmentFormat.fileName(2)));
            assertKept(store, nodes.subList(900, 1_000), nodes.subList(0, 900));
            StoredNode later = TestNodes.node(5_000, 100);
            store.put(later);
            assertThat(store.get(later.key())).contains(later);
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertKept(store, nodes.subList(900, 1_000), nodes.subList(0, 900));
        }
    }

    /**
     * Readers keep reading nodes whose records are moved, and a writer keeps writing, while round
     * after round of nodes is written, three quarters of it deleted and space given back (each
     * round's segments rewritten, the quarter kept moved out of them): every read succeeds.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsAndWritesFromOtherThreadsWhileSpaceIsGivenBackAllSucceed(boolean mapped) throws Exception {
        List<StoredNode> kept = new CopyOnWriteArrayList<>();
        List<StoredNode> written = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        StoredNode first = TestNodes.node(-1, 100);
        kept.add(first);
        try (FileContentStore store = new FileContentStore(directory, false, 32 * 1024, mapped)) {
            store.put(first);
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                threads.add(new Thread(() -> readUntilStopped(store, kept, stop, failure, reads)));
            }
            threads.add(new Thread(() -> writeUntilStopped(store, written, stop, failure)));
            threads.forEach(Thread::start);
            long reclaimed = 0;
            for (int round = 0; round < 30 && failure.get() == null; round++) {
                List<StoredNode> nodes = TestNodes.nodes(round * 10_000L, 800, 100);
                List<StoredNode> garbage = new ArrayList<>();
                store.putAll(nodes);
                for (int i = 0; i < nodes.size(); i++) {
                    ((i / 4) % 4 == 0 ? kept : garbage).add(nodes.get(i)); // whole groups: a parent with its child
                }
                FileContentStoreDeletionTests.deleteAll(store, garbage);
                reclaimed += store.reclaimSpace();
            }
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            assertThat(failure.get()).isNull();
            assertThat(reclaimed).isPositive();
            assertThat(reads.get()).isPositive();
            assertKept(store, kept, List.of());
            assertThat(store.getAll(TestNodes.keys(written))).hasSize(written.size());
        }
        try (FileContentStore store = new FileContentStore(directory, false, 32 * 1024, mapped)) {
            assertKept(store, kept, List.of());
            assertThat(store.getAll(TestNodes.keys(written))).hasSize(written.size());
            assertThat(store.stats().entries()).isEqualTo(kept.size() + written.size());
        }
    }

    private static void readUntilStopped(
            FileContentStore store,
            List<StoredNode> kept,
            AtomicBoolean stop,
            AtomicReference<Throwable> failure,
            AtomicLong reads) {
        SplittableRandom random = new SplittableRandom();
        try {
            while (!stop.get()) {
                StoredNode node = kept.get(random.nextInt(kept.size()));
                switch (random.nextInt(3)) {
                    case 0 -> assertThat(store.get(node.key())).contains(node);
                    case 1 -> { // all at once: the last are read long after they were looked up
                        List<StoredNode> all = List.copyOf(kept);
                        assertThat(store.getAll(TestNodes.keys(all)))
                                .hasSize(all.size())
                                .containsValues(all.toArray(StoredNode[]::new));
                    }
                    default ->
                        assertThat(store.children(List.of(node.key()))).containsEntry(node.key(), node.children());
                }
                reads.incrementAndGet();
            }
        } catch (Throwable ex) {
            failure.compareAndSet(null, ex);
        }
    }

    private static void writeUntilStopped(
            FileContentStore store, List<StoredNode> written, AtomicBoolean stop, AtomicReference<Throwable> failure) {
        try {
            for (int batch = 0; !stop.get(); batch++) {
                List<StoredNode> nodes = TestNodes.nodes(1_000_000L + batch * 10L, 10, 150);
                store.putAll(nodes);
                written.addAll(nodes);
                assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(10);
                Thread.sleep(1);
            }
        } catch (Throwable ex) {
            failure.compareAndSet(null, ex);
        }
    }

    private static void assertKept(FileContentStore store, List<StoredNode> kept, List<StoredNode> deleted) {
        assertThat(store.getAll(TestNodes.keys(kept)))
                .hasSize(kept.size())
                .containsValues(kept.toArray(StoredNode[]::new));
        Map<DataKey, List<DataKey>> children = store.children(TestNodes.keys(kept));
        for (StoredNode node : kept) {
            assertThat(children.get(node.key())).isEqualTo(node.children());
        }
        assertThat(store.getAll(TestNodes.keys(deleted))).isEmpty();
    }

    private long segmentBytes() throws IOException {
        long bytes = 0;
        for (Path segment : SegmentFiles.segments(directory)) {
            bytes += Files.size(segment);
        }
        return bytes;
    }
}
