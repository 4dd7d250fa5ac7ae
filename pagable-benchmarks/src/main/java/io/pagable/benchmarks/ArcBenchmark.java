package io.pagable.benchmarks;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.Pinned;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fast path of {@link PagableArc#get()} and {@link PagableArc#pin()} on a resident arc, next to
 * baselines measured in the same run: a read of a plain volatile field (what {@code get()} should
 * cost) and a counted handle (increment, allocate a small handle, decrement: what a pin must at
 * least cost). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} shows the bytes allocated per
 * operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ArcBenchmark {

    /**
     * Whether the engine checks values again (for tests and development): {@code -p
     * verifyImmutability=true} shows its cost on {@code getPagedOutWeaklyReachable}.
     */
    @Param("false")
    public boolean verifyImmutability;

    private PagableStorage storage;

    private PagableArc<String> resident;

    private PagableArc<String> pagedOut;

    /** Keeps the paged-out arc's value strongly reachable, so its weak reference stays valid. */
    private String pagedOutValue;

    private VolatileHolder<String> holder;

    private CountedHolder<String> counted;

    /**
     * Creates one arc and pages it out (its value stays reachable from this state), then creates a
     * second arc that stays resident and unsaved.
     */
    @Setup
    public void setUp() {
        storage =
                PagableStorage.builder().verifyImmutability(verifyImmutability).build();
        pagedOutValue = new String("a paged-out value");
        pagedOut = storage.arc(pagedOutValue);
        storage.pageOutPending();
        resident = storage.arc(new String("a resident value"));
        if (!pagedOut.isPagedOut() || resident.isPagedOut()) {
            throw new IllegalStateException("Unexpected arc states: " + pagedOut + ", " + resident);
        }
        holder = new VolatileHolder<>(new String("a baseline value"));
        counted = new CountedHolder<>(new String("a counted value"));
    }

    /** Closes the storage. */
    @TearDown
    public void tearDown() {
        storage.close();
    }

    /**
     * Baseline: a read of a volatile field.
     *
     * @return the value
     */
    @Benchmark
    public String baselineVolatileRead() {
        return holder.value;
    }

    /**
     * {@code get()} on a resident arc.
     *
     * @return the value
     */
    @Benchmark
    public String get() {
        return resident.get();
    }

    /**
     * {@code get()} on a paged-out arc whose value is still reachable: the weak-reference path.
     *
     * @return the value
     */
    @Benchmark
    public String getPagedOutWeaklyReachable() {
        return pagedOut.get();
    }

    /**
     * Baseline for a pin: atomic increment, a small handle, atomic decrement.
     *
     * @return the value
     */
    @Benchmark
    public String baselineCountedHandle() {
        CountedHolder.Handle<String> handle = counted.acquire();
        String value = handle.value();
        counted.release();
        return value;
    }

    /**
     * {@code pin()}, {@code get()} and {@code close()} on a resident arc.
     *
     * @return the value
     */
    @Benchmark
    public String pinAndClose() {
        try (Pinned<String> pinned = resident.pin()) {
            return pinned.get();
        }
    }

    /**
     * A value in a volatile field.
     *
     * @param <T> the value's type
     */
    static final class VolatileHolder<T> {

        volatile T value;

        VolatileHolder(T value) {
            this.value = value;
        }
    }

    /**
     * A value with an atomic use count: the least a pin has to do.
     *
     * @param <T> the value's type
     */
    static final class CountedHolder<T> {

        private static final VarHandle COUNT;

        static {
            try {
                COUNT = MethodHandles.lookup().findVarHandle(CountedHolder.class, "count", int.class);
            } catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        private final T value;

        @SuppressWarnings("unused") // accessed through COUNT
        private volatile int count;

        CountedHolder(T value) {
            this.value = value;
        }

        Handle<T> acquire() {
            COUNT.getAndAdd(this, 1);
            return new Handle<>(value);
        }

        void release() {
            COUNT.getAndAdd(this, -1);
        }

        record Handle<T>(T value) {}
    }
}
