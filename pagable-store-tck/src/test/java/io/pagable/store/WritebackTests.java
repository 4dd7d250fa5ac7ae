package io.pagable.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
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
        ForcingChannel channel = new ForcingChannel(() -> release.await());
        try (Writeback writeback = new Writeback()) {
            writeback.start(channel);
            Thread waiter = new Thread(() -> assertThatNoException().isThrownBy(writeback::await));
            waiter.start();
            waiter.join(200);
            assertThat(waiter.isAlive()).isTrue();
            release.countDown();
            waiter.join(5_000);
            assertThat(waiter.isAlive()).isFalse();
            assertThat(channel.forces.get()).isEqualTo(1);
        }
    }

    @Test
    void failedBackgroundForceIsReportedByTheNextAwaitOnly() throws Exception {
        ForcingChannel channel = new ForcingChannel(() -> {
            throw new IOException("disk gone");
        });
        try (Writeback writeback = new Writeback()) {
            writeback.start(channel);
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

    /** What a force does. */
    @FunctionalInterface
    interface Force {
        void run() throws Exception;
    }

    /** A channel of which only {@link #force} works. */
    static final class ForcingChannel extends FileChannel {

        final AtomicInteger forces = new AtomicInteger();

        private final Force force;

        ForcingChannel(Force force) {
            this.force = force;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forces.incrementAndGet();
            try {
                force.run();
            } catch (IOException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new IOException(ex);
            }
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() {}
    }
}
