package io.pagable.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.store.InMemoryContentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Concurrent drains meeting the same arc: one drain takes an arc from the queue while another meets
 * it as the child of a root it encodes. Found by the load run ({@code PagableLoadRun}, now in
 * pagable-benchmarks): a drain failed with "An unsaved arc lost its value" for an arc another drain
 * had just written and released, and whose value the garbage collector had already reclaimed.
 *
 * <p>The race: {@code GraphWriter.advance} (and {@code encode} for a root) checks that the arc has no
 * key, then claims it; if in between another drain writes the arc, marks it written (dropping its
 * strong reference) and releases its claim, the claim succeeds and the arc is encoded again, from
 * its weak reference, which may be cleared by then. This test sees the second encoding directly:
 * every part counts how often it is encoded. Before the fix it fails within a few rounds.
 */
class ConcurrentDrainRaceTests {

    private static final int BUNDLES = 300;

    private static final int PARTS = 2 * BUNDLES;

    /** Many more drains than processors, so that threads lose the processor at random points. */
    private static final int DRAINERS = 32;

    private static final int ROUNDS = 20;

    /** Counts how often each part's value is encoded: a written arc must never be encoded again. */
    private static final AtomicIntegerArray ENCODED = new AtomicIntegerArray(PARTS);

    /** A value that counts its encodings (the codec calls {@code encoded()} when it writes the value). */
    public record Part(int id, String text) {

        @JsonProperty("encoded")
        int encoded() {
            return ENCODED.incrementAndGet(id);
        }
    }

    /** A root holding arcs that other roots hold too. */
    public record Bundle(int id, List<PagableArc<Part>> parts) {}

    @Test
    void drainsOnManyThreadsNeverFailOnAnArcAnotherDrainWrote() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int round = 0; round < ROUNDS && failures.isEmpty(); round++) {
            drainRound(round, failures);
        }
        assertThat(failures).isEmpty();
    }

    private static void drainRound(int round, List<Throwable> failures) throws InterruptedException {
        PagableStorage storage = PagableStorage.builder()
                .contentStore(new InMemoryContentStore())
                .cacheMaximumSize(0)
                .build();
        Random random = new Random(round);
        for (int i = 0; i < PARTS; i++) {
            ENCODED.set(i, 0);
        }
        // Parts and bundles alternate in the queue, so that while one drain takes parts from the queue,
        // others meet the same parts as children of the bundles they take.
        List<PagableArc<Part>> parts = new ArrayList<>();
        List<PagableArc<Bundle>> bundles = new ArrayList<>();
        for (int b = 0; b < BUNDLES; b++) {
            for (int i = 0; i < 2; i++) {
                int id = parts.size();
                parts.add(storage.arc(new Part(id, "part " + round + "-" + id)));
            }
            List<PagableArc<Part>> chosen = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                chosen.add(parts.get(Math.max(0, parts.size() - 1 - random.nextInt(40))));
            }
            bundles.add(storage.arc(new Bundle(b, chosen)));
        }
        parts = null;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> drainers = new ArrayList<>();
        for (int t = 0; t < DRAINERS; t++) {
            int batch = 1 + t % 4;
            Thread drainer = new Thread(() -> {
                try {
                    start.await();
                    while (storage.pendingCount() > 0) {
                        storage.pageOutPending(batch);
                    }
                } catch (Throwable ex) {
                    failures.add(ex);
                }
            });
            drainer.start();
            drainers.add(drainer);
        }
        start.countDown();
        for (Thread drainer : drainers) {
            drainer.join();
        }
        for (PagableArc<Bundle> bundle : bundles) {
            assertThat(bundle.key()).isPresent();
        }
        for (int i = 0; i < PARTS; i++) {
            if (ENCODED.get(i) != 1) {
                failures.add(new AssertionError("round " + round + ": part " + i + " was encoded " + ENCODED.get(i)
                        + " times: a drain encoded an arc another drain had already written"));
            }
        }
    }
}
