package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.StoreException;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.tck.Values;
import io.pagable.store.tck.Values.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store on a real, small file system (a tmpfs; skipped where one cannot be mounted): when
 * the disk fills up, drains fail with an error that says so, no file is left damaged and nothing
 * already stored is lost; when space comes back, everything pending is written. A read-only
 * directory is refused when the store opens, with an error that says why.
 */
class FileStoreDiskFullTests {

    private static final int ITEMS = 8;

    private static final int ITEM_LENGTH = 1500;

    @TempDir
    Path mountPoint;

    private TmpfsMount disk;

    @BeforeEach
    void mount() {
        TmpfsMount.Result result = TmpfsMount.tryMount(mountPoint, "2m");
        Assumptions.assumeTrue(result.mount() != null, result.problem());
        disk = result.mount();
    }

    @AfterEach
    void unmount() {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void fullDiskFailsDrainsClearlyCorruptsNothingAndRecoversWhenSpaceIsBack() throws IOException {
        Path directory = mountPoint.resolve("store");
        FileContentStore store = new FileContentStore(directory);
        PagableStorage storage = engine(store);
        List<PagableArc<Doc>> docs = new ArrayList<>();
        StoreException full = null;
        for (int round = 0; full == null && round < 100; round++) {
            for (int i = 0; i < 10; i++) {
                docs.add(Values.doc(storage, round * 10L + i, ITEMS, ITEM_LENGTH));
            }
            try {
                storage.pageOutPending();
            } catch (StoreException ex) {
                full = ex;
            }
        }
        assertThat(full).as("a drain failed once the 2 MiB disk was full").isNotNull();
        assertThat(full)
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("check free disk space")
                .hasMessageContaining("stay resident and queued");
        long pending = storage.pendingCount();
        assertThat(pending).isPositive();
        long segmentBytes = segmentBytes(directory);

        PagableStorage reader = engine(new ForwardingContentStore(store) {
            @Override
            public void close() {
                // the writing engine owns the store
            }
        });
        assertWrittenReadableAndPendingResident(docs, reader);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(storage::pageOutPending)
                    .withMessageContaining("No space left on device");
        }
        assertThat(storage.pendingCount()).isEqualTo(pending);
        assertThat(segmentBytes(directory))
                .as("failed writes are cut back, so they do not pile up on the full disk")
                .isLessThanOrEqualTo(segmentBytes);

        disk.resize("16m");

        storage.pageOutPending();
        assertThat(storage.pendingCount()).isZero();
        assertWrittenReadableAndPendingResident(docs, reader);
        storage.close();
        try (PagableStorage reopened = engine(new FileContentStore(directory))) {
            for (int i = 0; i < docs.size(); i++) {
                Doc doc = reopened.load(docs.get(i).key().orElseThrow(), Doc.class);
                assertThat(doc.id()).isEqualTo(i);
                doc.checked(ITEMS, ITEM_LENGTH);
            }
        }
    }

    @Test
    void diskTooFullToStartANewSegmentFailsTheOpenClearly() throws IOException {
        Path directory = mountPoint.resolve("store");
        Files.createDirectories(directory);
        Files.write(
                mountPoint.resolve("filler"),
                new byte[2 * 1024 * 1024 - 4096],
                java.nio.file.StandardOpenOption.CREATE);
        fillUp(mountPoint.resolve("filler-2"));

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> new FileContentStore(directory))
                .withMessageContaining(directory.toString())
                .withMessageContaining("No space left on device");

        Files.delete(mountPoint.resolve("filler"));
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.stats().entries()).isZero();
        }
    }

    @Test
    void readOnlyDirectoryIsRefusedWhenTheStoreOpensAndItsDataStaysIntact() {
        Path directory = mountPoint.resolve("store");
        List<Long> ids = new ArrayList<>();
        List<io.pagable.DataKey> keys = new ArrayList<>();
        try (PagableStorage storage = engine(new FileContentStore(directory))) {
            for (int i = 0; i < 20; i++) {
                PagableArc<Doc> arc = Values.doc(storage, i, ITEMS, ITEM_LENGTH);
                storage.pageOutPending();
                ids.add(arc.get().id());
                keys.add(arc.key().orElseThrow());
            }
        }
        disk.readOnly(true);

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> new FileContentStore(directory))
                .withMessageContaining(directory.toString())
                .withMessageContaining("Read-only file system")
                .withMessageContaining("writable");

        disk.readOnly(false);
        try (PagableStorage reopened = engine(new FileContentStore(directory))) {
            for (int i = 0; i < keys.size(); i++) {
                Doc doc = reopened.load(keys.get(i), Doc.class);
                assertThat(doc.id()).isEqualTo(ids.get(i));
                doc.checked(ITEMS, ITEM_LENGTH);
            }
        }
    }

    private static void assertWrittenReadableAndPendingResident(List<PagableArc<Doc>> docs, PagableStorage reader) {
        for (PagableArc<Doc> arc : docs) {
            if (arc.key().isPresent()) {
                Doc doc = reader.load(arc.key().get(), Doc.class);
                assertThat(doc.id()).isEqualTo(arc.get().id());
                doc.checked(ITEMS, ITEM_LENGTH);
            } else {
                assertThat(arc.isPagedOut()).isFalse();
                arc.get().checked(ITEMS, ITEM_LENGTH);
            }
        }
    }

    private static PagableStorage engine(ContentStore store) {
        return PagableStorage.builder().contentStore(store).cacheMaximumSize(0).build();
    }

    private static long segmentBytes(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter((file) -> file.getFileName().toString().startsWith("segment-"))
                    .mapToLong((file) -> file.toFile().length())
                    .sum();
        }
    }

    /** Writes into a file until the disk is full. */
    private static void fillUp(Path file) {
        try (var out = Files.newOutputStream(file)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
            }
        } catch (IOException expected) {
            // No space left on device
        }
    }
}
