package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Writeback} forces in the background without changing what a flush guarantees: a flush
 * waits for a running force, a failed background force is reported by the next flush (once), and
 * the thread goes away when the store closes.
 */
class WritebackTests {

    @TempDir
    Path directory;

    @Test
    void awaitWaitsForTheRunningForce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger forces = new AtomicInteger();
        try (Writeback writeback = new Writeback()) {
            writeback.start(() -> {
                forces.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    throw new IOException(ex);
                }
            });
            Thread waiter = new Thread(() -> assertThatNoException().isThrownBy(writeback::await));
            waiter.start();
            waiter.join(200);
            assertThat(waiter.isAlive()).isTrue();
            release.countDown();
            waiter.join(5_000);
            assertThat(waiter.isAlive()).isFalse();
            assertThat(forces.get()).isEqualTo(1);
        }
    }

    @Test
    void failedBackgroundForceIsReportedByTheNextAwaitOnly() throws Exception {
        try (Writeback writeback = new Writeback()) {
            writeback.start(() -> {
                throw new IOException("disk gone");
            });
            assertThatIOException().isThrownBy(writeback::await).withMessage("disk gone");
            assertThatNoException().isThrownBy(writeback::await);
        }
    }

    @Test
    void storeWritingMoreThanTheWritebackThresholdLeavesNoThreadAfterClose() throws Exception {
        try (FileContentStore store = new FileContentStore(directory, true)) {
            store.putAll(TestNodes.nodes(1, 3 * SegmentWriter.WRITEBACK_BYTES / 1024, 1024));
            store.flush();
            assertThat(writebackThreads()).isOne(); // idle for a second before it ends by itself
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (writebackThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(writebackThreads()).isZero();
    }

    private static long writebackThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter((thread) -> thread.getName().equals("pagable-file-writeback"))
                .count();
    }
}
