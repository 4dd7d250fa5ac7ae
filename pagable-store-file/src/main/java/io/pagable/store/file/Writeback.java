package io.pagable.store.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Forces a segment's written bytes to the disk on a background thread while the writer goes on
 * writing, so that the force a flush makes (which it still makes, for durability) finds less to
 * write. The thread lives while there is work and a second after. The writer calls it under the
 * store's write lock.
 */
final class Writeback implements AutoCloseable {

    private final ThreadPoolExecutor executor =
            new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), (task) -> {
                Thread thread = new Thread(task, "pagable-file-writeback");
                thread.setDaemon(true);
                return thread;
            });

    private @Nullable Future<?> running;

    private volatile @Nullable IOException failure;

    /** Forces written bytes to the disk: the writer's is {@code channel.force(false)}. */
    @FunctionalInterface
    interface Force {
        void run() throws IOException;
    }

    /** Starts a force unless one is still running. */
    void start(Force force) {
        if (running != null && !running.isDone()) {
            return;
        }
        running = executor.submit(() -> {
            try {
                force.run();
            } catch (ClosedChannelException ex) {
                // Closed by an interrupt or by close: the flush's own force is the one that counts.
            } catch (IOException ex) {
                failure = ex;
            }
        });
    }

    /**
     * Waits for a running force and reports a failure of any force since the last call: the
     * operating system may report a failed write-back to one force only.
     */
    void await() throws IOException {
        Future<?> current = running;
        if (current != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    current.get();
                    break;
                } catch (InterruptedException ex) {
                    interrupted = true;
                } catch (ExecutionException ex) {
                    throw new IOException("The background force failed", ex.getCause());
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            running = null;
        }
        IOException failed = failure;
        if (failed != null) {
            failure = null;
            throw failed;
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
