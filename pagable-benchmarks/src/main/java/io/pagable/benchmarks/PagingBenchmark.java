package io.pagable.benchmarks;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.store.InMemoryContentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Paging through the engine on the {@link InMemoryContentStore}, with the {@value #NODES} typical
 * nodes of {@link CodecBenchmark} ({@link RuleNode}, about 630 bytes encoded):
 *
 * <ul>
 *   <li>{@code pageOut10k}: one {@code pageOutPending()} of {@value #NODES} new arcs (encode, key,
 *       store, release), in a fresh engine and store each time; the score is the whole drain.
 *       {@code -p verifyImmutability=true,false} measures the cost of checking each value again as
 *       its arc is paged out.
 *   <li>{@code pageInHit}: {@code load(key)} of a node that is resident (held by the application),
 *       which the engine answers from its resident map / arc cache.
 *   <li>{@code pageInMiss}: {@code load(key)} of a node that nothing holds any more (a full GC ran
 *       before each batch and the arc cache size is 0): store read, key verification, decode.
 * </ul>
 *
 * Each state checks after its iterations that hits were hits and misses were misses.
 */
@Fork(2)
public class PagingBenchmark {

    static final int NODES = 10_000;

    static final List<RuleNode> RULES = RuleNode.randomGraph(NODES, 20_250_101L);

    /** A fresh engine and store with {@value #NODES} queued arcs, before each drain. */
    @State(Scope.Thread)
    public static class Queued {

        /** Whether the engine checks each value again as its arc is paged out (for tests and development). */
        @Param("false")
        public boolean verifyImmutability;

        PagableStorage storage;

        List<PagableArc<RuleNode>> arcs;

        /** Queues the arcs. */
        @Setup(Level.Invocation)
        public void queue() {
            storage = PagableStorage.builder()
                    .cacheMaximumSize(0)
                    .verifyImmutability(verifyImmutability)
                    .build();
            arcs = new ArrayList<>(NODES);
            for (RuleNode rule : RULES) {
                arcs.add(storage.arc(rule));
            }
        }
    }

    /** An engine holding {@value #NODES} stored nodes, with the values resident or not. */
    abstract static class Stored {

        PagableStorage storage;

        DataKey[] keys;

        long pageInsBefore;

        void store(long cacheSize) {
            storage = PagableStorage.builder()
                    .contentStore(new InMemoryContentStore())
                    .cacheMaximumSize(cacheSize)
                    .build();
            keys = new DataKey[NODES];
            for (int i = 0; i < NODES; i++) {
                keys[i] = storage.save(RULES.get(i));
            }
        }

        void check(long expectedPageIns) {
            long pageIns = storage.stats().pageIns() - pageInsBefore;
            if (pageIns != expectedPageIns) {
                throw new IllegalStateException(
                        "Expected " + expectedPageIns + " page-ins from the store, saw " + pageIns);
            }
        }
    }

    /** Values resident: every load is a hit. Set up once per trial, so setup allocation stays out of gc.alloc. */
    @State(Scope.Thread)
    public static class Resident extends Stored {

        RuleNode[] held;

        int next;

        /** Stores the nodes and loads each once, holding the values. */
        @Setup(Level.Trial)
        public void setUp() {
            store(NODES);
            held = new RuleNode[NODES];
            for (int i = 0; i < NODES; i++) {
                held[i] = storage.load(keys[i], RuleNode.class);
            }
            pageInsBefore = storage.stats().pageIns();
        }

        /** Checks that nothing was read from the store. */
        @TearDown(Level.Trial)
        public void tearDown() {
            check(0);
            storage.close();
        }
    }

    /** Values unreachable: every load reads the store. */
    @State(Scope.Thread)
    public static class Unreachable extends Stored {

        int batches;

        /** Stores the nodes; nothing holds their values. */
        @Setup(Level.Iteration)
        public void setUp() {
            store(0);
            pageInsBefore = storage.stats().pageIns();
            batches = 0;
        }

        /** Lets the values of the previous batch be collected. */
        @Setup(Level.Invocation)
        public void forget() {
            System.gc();
        }

        /** Checks that every load read the store. */
        @TearDown(Level.Iteration)
        public void tearDown() {
            check((long) batches * NODES);
            storage.close();
        }
    }

    /**
     * Drains {@value #NODES} queued arcs into the in-memory store.
     *
     * @param queued the engine with its queue
     * @return arcs paged out
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 10, batchSize = 1)
    @Measurement(iterations = 20, batchSize = 1)
    public int pageOut10k(Queued queued) {
        int written = queued.storage.pageOutPending();
        if (written != NODES || !queued.arcs.get(0).isPagedOut()) {
            throw new IllegalStateException("Paged out " + written);
        }
        return written;
    }

    /**
     * Loads a resident node.
     *
     * @param resident the engine and keys
     * @return the node
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public RuleNode pageInHit(Resident resident) {
        int index = resident.next;
        resident.next = (index + 1 == NODES) ? 0 : index + 1;
        return resident.storage.load(resident.keys[index], RuleNode.class);
    }

    /**
     * Loads every node, each from the store.
     *
     * @param unreachable the engine and keys
     * @param blackhole sinks the nodes
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 5, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    @OperationsPerInvocation(NODES)
    public void pageInMiss(Unreachable unreachable, Blackhole blackhole) {
        for (DataKey key : unreachable.keys) {
            blackhole.consume(unreachable.storage.load(key, RuleNode.class));
        }
        unreachable.batches++;
    }
}
