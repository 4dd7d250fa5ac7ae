package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.store.DeletedNodes;
import io.pagable.store.NodeSummary;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deletes: durable in the deletion log, applied when the store opens, atomic against puts. */
class FileContentStoreDeletionTests {

    @TempDir
    Path directory;

    @Test
    void deletionsAreAppliedWhenTheStoreOpensAndANodeStoredAgainLivesInItsNewRecord() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 100, 50);
        StoredNode again = nodes.get(10);
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(nodes);
            assertThat(deleteAll(store, nodes.subList(0, 40)).nodes()).isEqualTo(40);
            store.put(again);
        }
        for (int reopen = 0; reopen < 2; reopen++) {
            try (FileContentStore store = new FileContentStore(directory)) {
                assertThat(store.get(nodes.get(0).key())).isEmpty();
                assertThat(store.get(again.key())).contains(again);
                assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(61);
                assertThat(store.stats())
                        .isEqualTo(
                                new StoreStats(61, TestNodes.storedSize(nodes.subList(40, 100)) + again.storedSize()));
            }
        }
    }

    /**
     * A crash while space was given back can leave a second record of a node (the copy, beside the
     * old record the store then indexes): deleting the node must delete both, or the copy would bring
     * it back when the store opens again.
     */
    @Test
    void aNodeWithASecondRecordOnDiskStaysDeletedAcrossReopens() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 50, 40);
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(nodes);
        }
        SegmentFiles.appendCopyOfRecords(directory.resolve(SegmentFormat.fileName(1)));
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.stats().entries()).isEqualTo(50);
            assertThat(deleteAll(store, nodes.subList(0, 20)).nodes()).isEqualTo(20);
        }
        for (int reopen = 0; reopen < 2; reopen++) {
            try (FileContentStore store = new FileContentStore(directory)) {
                assertThat(store.getAll(TestNodes.keys(nodes.subList(0, 20)))).isEmpty();
                assertThat(store.getAll(TestNodes.keys(nodes.subList(20, 50)))).hasSize(30);
                assertThat(store.stats()).isEqualTo(new StoreStats(30, TestNodes.storedSize(nodes.subList(20, 50))));
            }
        }
    }

    @Test
    void aNodeWhoseChildsRecordWasDeletedStaysReadableAcrossAReopen() throws Exception {
        StoredNode child = TestNodes.node(1, 300);
        StoredNode parent = TestNodes.node(2, 300, List.of(child.key())); // refers back to the child's record
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(List.of(child, parent));
            deleteAll(store, List.of(child));
            assertThat(store.get(parent.key())).contains(parent);
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.contains(child.key())).isFalse();
            assertThat(store.get(parent.key())).contains(parent);
            assertThat(store.children(List.of(parent.key()))).containsEntry(parent.key(), List.of(child.key()));
        }
    }

    @Test
    void aDeletionLogFrameCutShortByACrashIsCutOffAndOnlyItsBatchComesBack() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 20, 50);
        long logAfterFirst;
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(nodes);
            deleteAll(store, nodes.subList(0, 5));
            logAfterFirst = Files.size(log());
            deleteAll(store, nodes.subList(5, 10));
        }
        truncate(log(), Files.size(log()) - 3);
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.getAll(TestNodes.keys(nodes.subList(0, 5)))).isEmpty();
            assertThat(store.getAll(TestNodes.keys(nodes.subList(5, 20)))).hasSize(15);
            assertThat(store.stats().entries()).isEqualTo(15);
        }
        assertThat(Files.size(log())).isEqualTo(logAfterFirst);
    }

    @Test
    void aDamagedDeletionLogFrameWithFramesAfterItFailsTheOpeningNamingTheLog() throws Exception {
        long[] locations = new long[3 * 60_000];
        for (int i = 0; i < locations.length; i++) {
            locations[i] = SegmentFormat.location(1 + i / 60_000, 16 + 10L * (i % 60_000), 10);
        }
        try (FileStoreDeletionLog log = FileStoreDeletionLog.open(directory, true)) {
            for (int frame = 0; frame < 3; frame++) {
                log.append(java.util.Arrays.copyOfRange(locations, frame * 60_000, (frame + 1) * 60_000), 60_000);
            }
        }
        try (FileStoreDeletionLog log = FileStoreDeletionLog.open(directory, true)) {
            assertThat(log.deletedAtOpen(SegmentFormat.withoutLength(locations[123_456])))
                    .isTrue();
            assertThat(log.highestSegmentAtOpen()).isEqualTo(3);
        }
        try (FileChannel channel = FileChannel.open(log(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            SegmentFiles.flipByte(channel, 16 + 8 + 100);
        }
        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> new FileContentStore(directory))
                .withMessageContaining(log().toString())
                .withMessageContaining("checksum");
    }

    /**
     * A record the log names is lost (a power failure took the segment's tail): new records must not
     * be written where it was, or the next opening would delete them.
     */
    @Test
    void newRecordsNeverGoWhereTheDeletionLogNamesALocation() throws Exception {
        StoredNode kept = TestNodes.node(1, 500);
        StoredNode deleted = TestNodes.node(2, 500);
        StoredNode later = TestNodes.node(3, 500);
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(List.of(kept, deleted));
            deleteAll(store, List.of(deleted));
        }
        Path first = directory.resolve(SegmentFormat.fileName(1));
        truncate(first, SegmentFormat.SEGMENT_HEADER_BYTES + SegmentFormat.recordBytes(0, 500));
        try (FileContentStore store = new FileContentStore(directory)) {
            store.put(later);
        }
        assertThat(directory.resolve(SegmentFormat.fileName(2))).exists();
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.get(kept.key())).contains(kept);
            assertThat(store.get(later.key())).contains(later);
        }
    }

    @Test
    void aDeleteCutShortAfterItsBatchWasLoggedIsCompletedByTheNextOpening() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 10, 50);
        FileStoreOptions options = FileStoreOptions.of(true, FileContentStore.DEFAULT_MAX_SEGMENT_BYTES, true)
                .withSteps((step) -> {
                    if (step.equals(FileStoreSteps.DELETIONS_LOGGED)) {
                        throw new IllegalStateException("stopped at " + step);
                    }
                });
        try (FileContentStore store = new FileContentStore(directory, options)) {
            store.putAll(nodes);
            Thread.sleep(5);
            Instant cutoff = store.now();
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> store.deleteUntouched(TestNodes.keys(nodes.subList(0, 4)), cutoff));
            assertThat(store.stats().entries()).as("not yet deleted in memory").isEqualTo(10);
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.stats().entries()).isEqualTo(6);
            assertThat(store.getAll(TestNodes.keys(nodes.subList(0, 4)))).isEmpty();
        }
    }

    @Test
    void everyNodeFoundWhenTheStoreOpensCountsAsTouchedThen() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 10, 50);
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(nodes);
        }
        Thread.sleep(20);
        try (FileContentStore store = new FileContentStore(directory)) {
            Instant opened = store.now();
            List<NodeSummary> summaries = store.scan(null, 100);
            assertThat(summaries)
                    .hasSize(10)
                    .allSatisfy((node) ->
                            assertThat(node.touchedAt()).isBetween(opened.minusMillis(1_000), opened.plusMillis(1)));
            assertThat(store.deleteUntouched(TestNodes.keys(nodes), opened.minusMillis(1_000)))
                    .isEqualTo(DeletedNodes.NONE);
        }
    }

    /** Each round, a delete and a put of the same node start together: the node must be there after. */
    @Test
    void aDeleteRacingAPutOfTheSameNodeNeverLosesIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<StoredNode> nodes = new ArrayList<>();
        try (FileContentStore store = new FileContentStore(directory, false)) {
            for (int round = 0; round < 300; round++) {
                StoredNode node = TestNodes.node(round, 100);
                nodes.add(node);
                store.put(node);
                Thread.sleep(1);
                Instant cutoff = store.now();
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> deleting = pool.submit(() -> {
                    start.await();
                    return store.deleteUntouched(List.of(node.key()), cutoff);
                });
                Future<?> putting = pool.submit(() -> {
                    start.await();
                    store.put(node);
                    return null;
                });
                deleting.get(30, TimeUnit.SECONDS);
                putting.get(30, TimeUnit.SECONDS);
                assertThat(store.get(node.key())).as("round %d", round).contains(node);
            }
            assertThat(store.stats()).isEqualTo(new StoreStats(nodes.size(), TestNodes.storedSize(nodes)));
        } finally {
            pool.shutdownNow();
        }
        try (FileContentStore store = new FileContentStore(directory, false)) {
            assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(nodes.size());
            assertThat(store.stats()).isEqualTo(new StoreStats(nodes.size(), TestNodes.storedSize(nodes)));
        }
    }

    @Test
    void aScanGoesOnInItsKeyOrderPastNodesDeletedSinceItStartedAndFillsItsPages() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 1_000, 20);
        try (FileContentStore store = new FileContentStore(directory)) {
            store.putAll(nodes);
            List<NodeSummary> first = store.scan(null, 100);
            List<DataKey> sorted = new ArrayList<>(TestNodes.keys(nodes));
            sorted.sort(null);
            List<DataKey> gone = new ArrayList<>();
            for (int i = 150; i < 1_000; i += 3) {
                gone.add(sorted.get(i));
            }
            Thread.sleep(2);
            store.deleteUntouched(gone, store.now());
            List<DataKey> listed =
                    new ArrayList<>(first.stream().map(NodeSummary::key).toList());
            List<NodeSummary> page;
            do {
                page = store.scan(listed.get(listed.size() - 1), 100);
                listed.addAll(page.stream().map(NodeSummary::key).toList());
            } while (page.size() == 100);
            List<DataKey> expected = new ArrayList<>(sorted);
            expected.removeAll(gone);
            assertThat(listed).isEqualTo(expected);
        }
    }

    /** Deletes nodes written at least a millisecond ago, as a collection with no grace period does. */
    static DeletedNodes deleteAll(FileContentStore store, List<StoredNode> nodes) throws InterruptedException {
        Thread.sleep(2);
        return store.deleteUntouched(TestNodes.keys(nodes), store.now());
    }

    private Path log() {
        return directory.resolve(FileStoreDeletionLog.FILE_NAME);
    }

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }
}
