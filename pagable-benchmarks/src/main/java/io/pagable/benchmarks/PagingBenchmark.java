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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Paging through the engine on the {@link InMemoryContentStore}, with the {@value #NODES} typical
 * nodes of {@link CodecBenchmark} ({@link RuleNode}, about 400 bytes encoded):
 *
 * <ul>
 *   <li>{@code pageOut10k}: one {@code pageOutPending()} of {@value #NODES} new arcs (encode, key,
 *       store, release), in a fresh engine and store each time; the score is the whole drain.
 *   <li>{@code pageInHit}: {@code load(key)} of a node that is resident (held by the application),
 *       which the engine answers from its resident map / arc cache.
 *   <li>{@code pageInMiss}: {@code load(key)} of a node that nothing holds any more (a full GC ran
 *       before each batch and the arc cache size is 0): store read, key verification, decode.
 * </ul>
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
public class PagingBenchmark {

    static final int NODES = 10_000;

    private List<RuleNode> rules;

    private PagableStorage storage;

    private List<PagableArc<RuleNode>> pending;

    private DataKey[] keys;

    private RuleNode[] held;

    private int next;

    private long pageInsBefore;

    private int batches;

    /** Makes the nodes. */
    @Setup(Level.Trial)
    public void makeNodes() {
        rules = RuleNode.randomGraph(NODES, 20_250_101L);
    }

    /** A fresh engine and store with {@value #NODES} queued arcs, before each drain. */
    @Setup(Level.Invocation)
    public void queueArcs(org.openjdk.jmh.infra.BenchmarkParams params) {
        if (!params.getBenchmark().endsWith("pageOut10k")) {
            return;
        }
        storage = PagableStorage.builder().cacheMaximumSize(0).build();
        pending = new ArrayList<>(NODES);
        for (RuleNode rule : rules) {
            pending.add(storage.arc(rule));
        }
    }

    /** Stores every node once in an engine for the page-in benchmarks. */
    @Setup(Level.Iteration)
    public void storeNodes(org.openjdk.jmh.infra.BenchmarkParams params) {
        if (params.getBenchmark().endsWith("pageOut10k")) {
            return;
        }
        boolean hits = params.getBenchmark().endsWith("pageInHit");
        storage = PagableStorage.builder()
                .contentStore(new InMemoryContentStore())
                .cacheMaximumSize(hits ? NODES : 0)
                .build();
        keys = new DataKey[NODES];
        held = new RuleNode[NODES];
        for (int i = 0; i < NODES; i++) {
            keys[i] = storage.save(rules.get(i));
        }
        if (hits) {
            for (int i = 0; i < NODES; i++) {
                held[i] = storage.load(keys[i], RuleNode.class);
            }
        } else {
            held = null;
        }
        pageInsBefore = storage.stats().pageIns();
        batches = 0;
    }

    /** Lets the values of the previous miss batch be collected, so every load below reads the store. */
    @Setup(Level.Invocation)
    public void forget(org.openjdk.jmh.infra.BenchmarkParams params) {
        if (params.getBenchmark().endsWith("pageInMiss")) {
            System.gc();
        }
    }

    /** Checks that hits were hits and misses were misses. */
    @TearDown(Level.Iteration)
    public void check(org.openjdk.jmh.infra.BenchmarkParams params) {
        if (params.getBenchmark().endsWith("pageOut10k")) {
            return;
        }
        long pageIns = storage.stats().pageIns() - pageInsBefore;
        long expected = params.getBenchmark().endsWith("pageInMiss") ? (long) batches * NODES : 0;
        if (pageIns != expected) {
            throw new IllegalStateException("Expected " + expected + " page-ins from the store, saw " + pageIns);
        }
        storage.close();
    }

    /**
     * Drains {@value #NODES} queued arcs into the in-memory store.
     *
     * @return arcs paged out
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 10, batchSize = 1)
    @Measurement(iterations = 20, batchSize = 1)
    public int pageOut10k() {
        int written = storage.pageOutPending();
        if (written != NODES || !pending.get(0).isPagedOut()) {
            throw new IllegalStateException("Paged out " + written);
        }
        return written;
    }

    /**
     * Loads a resident node.
     *
     * @return the node
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public RuleNode pageInHit() {
        int index = next;
        next = (index + 1 == NODES) ? 0 : index + 1;
        return storage.load(keys[index], RuleNode.class);
    }

    /**
     * Loads every node, each from the store.
     *
     * @param blackhole sinks the nodes
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 5, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    @OperationsPerInvocation(NODES)
    public void pageInMiss(Blackhole blackhole) {
        for (DataKey key : keys) {
            blackhole.consume(storage.load(key, RuleNode.class));
        }
        batches++;
    }
}
