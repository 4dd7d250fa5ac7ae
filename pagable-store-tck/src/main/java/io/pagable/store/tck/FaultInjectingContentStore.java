package io.pagable.store.tck;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.StoredNode;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a {@link ContentStore} and makes chosen calls fail or slow down, to test what the engine (or
 * an application) does when its store misbehaves. Faults can be switched on and off at any time, from
 * any thread, while the store is in use:
 *
 * <pre>{@code
 * FaultInjectingContentStore store = new FaultInjectingContentStore(new InMemoryContentStore());
 * store.failEvery(Operation.WRITE, 3);        // the 3rd, 6th, 9th ... putAll from now on fails
 * store.failMidBatch(10);                     // ... after storing the first 10 nodes of its batch
 * store.latency(Operation.READ, Duration.ofMillis(5));
 * ...
 * store.heal();                               // everything works again
 * }</pre>
 *
 * Calls are counted per {@link Operation} from the moment a fault is set, so {@code failNth(WRITE, 1)}
 * fails the very next write. A failing call throws a {@link StoreException} saying it was injected
 * (or what {@link #throwing(Function)} makes); a failing write stores nothing unless
 * {@link #failMidBatch(int)} says otherwise. {@link #stats()} and {@link #close()} are passed through
 * and never fail. Thread-safe.
 */
public final class FaultInjectingContentStore extends ForwardingContentStore {

    /** The kinds of call a fault applies to. */
    public enum Operation {
        /** {@link ContentStore#putAll} and {@link ContentStore#put}. */
        WRITE,
        /** {@link ContentStore#get}, {@link ContentStore#getAll} and {@link ContentStore#contains}. */
        READ,
        /** {@link ContentStore#flush}. */
        FLUSH
    }

    private static final LongPredicate NEVER = (call) -> false;

    private final Map<Operation, Counters> counters = new EnumMap<>(Operation.class);

    private volatile int storedBeforeFailure;

    private volatile Function<String, ? extends RuntimeException> exceptions = StoreException::new;

    /**
     * Wraps a store; no fault is active until one is set.
     *
     * @param delegate the store that does the real work
     */
    public FaultInjectingContentStore(ContentStore delegate) {
        super(delegate);
        for (Operation operation : Operation.values()) {
            counters.put(operation, new Counters());
        }
    }

    /**
     * Makes every {@code n}-th call of an operation fail, counting from now: calls n, 2n, 3n ...
     *
     * @param operation the operation
     * @param n at least 1; 1 fails every call
     * @return this store
     */
    public FaultInjectingContentStore failEvery(Operation operation, int n) {
        requirePositive(n, "n");
        return rule(operation, (call) -> call % n == 0);
    }

    /**
     * Makes only the {@code n}-th call of an operation fail, counting from now.
     *
     * @param operation the operation
     * @param n at least 1; 1 fails the next call
     * @return this store
     */
    public FaultInjectingContentStore failNth(Operation operation, int n) {
        requirePositive(n, "n");
        return rule(operation, (call) -> call == n);
    }

    /**
     * Makes every call of an operation fail until {@link #heal(Operation)} or {@link #heal()}.
     *
     * @param operation the operation
     * @return this store
     */
    public FaultInjectingContentStore failAlways(Operation operation) {
        return rule(operation, (call) -> true);
    }

    /**
     * Makes failing writes fail in the middle of their batch: the first {@code nodes} nodes of the
     * batch (all but the last, if the batch is smaller) are stored before the exception, as a store
     * that commits part of a batch would do. 0, the default, stores nothing.
     *
     * @param nodes how many nodes a failing write stores first
     * @return this store
     */
    public FaultInjectingContentStore failMidBatch(int nodes) {
        if (nodes < 0) {
            throw new IllegalArgumentException("nodes must be >= 0, but was " + nodes);
        }
        this.storedBeforeFailure = nodes;
        return this;
    }

    /**
     * Delays every call of an operation, failing or not, by {@code delay}.
     *
     * @param operation the operation
     * @param delay the added latency; zero for none
     * @return this store
     */
    public FaultInjectingContentStore latency(Operation operation, Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, but was " + delay);
        }
        counters.get(operation).latencyNanos = delay.toNanos();
        return this;
    }

    /**
     * Sets what a failing call throws, given a message naming the call; the default throws a
     * {@link StoreException}, as a real store does.
     *
     * @param exceptions makes the exception from the message
     * @return this store
     */
    public FaultInjectingContentStore throwing(Function<String, ? extends RuntimeException> exceptions) {
        this.exceptions = Objects.requireNonNull(exceptions, "exceptions");
        return this;
    }

    /**
     * Removes the fault and latency of one operation.
     *
     * @param operation the operation
     * @return this store
     */
    public FaultInjectingContentStore heal(Operation operation) {
        rule(operation, NEVER);
        counters.get(operation).latencyNanos = 0;
        return this;
    }

    /**
     * Removes every fault and latency: the store behaves like its delegate again.
     *
     * @return this store
     */
    public FaultInjectingContentStore heal() {
        for (Operation operation : Operation.values()) {
            heal(operation);
        }
        storedBeforeFailure = 0;
        return this;
    }

    /**
     * Returns how many calls of an operation were made since this store was created.
     *
     * @param operation the operation
     * @return the number of calls, failed or not
     */
    public long calls(Operation operation) {
        return counters.get(operation).total.get();
    }

    /**
     * Returns how many calls of an operation failed because of an injected fault.
     *
     * @param operation the operation
     * @return the number of injected failures
     */
    public long failures(Operation operation) {
        return counters.get(operation).failed.get();
    }

    @Override
    public void putAll(List<StoredNode> nodes) {
        Objects.requireNonNull(nodes, "nodes");
        String failure = enter(Operation.WRITE, nodes.size() + " nodes");
        if (failure != null) {
            int stored = Math.min(storedBeforeFailure, Math.max(0, nodes.size() - 1));
            if (stored > 0) {
                super.putAll(nodes.subList(0, stored));
            }
            throw exceptions.apply(failure + (stored > 0 ? " after storing " + stored + " of them" : ""));
        }
        super.putAll(nodes);
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        fail(enter(Operation.READ, "1 key"));
        return super.get(key);
    }

    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        fail(enter(Operation.READ, keys.size() + " keys"));
        return super.getAll(keys);
    }

    @Override
    public boolean contains(DataKey key) {
        fail(enter(Operation.READ, "1 key"));
        return super.contains(key);
    }

    @Override
    public void flush() {
        fail(enter(Operation.FLUSH, "all"));
        super.flush();
    }

    @Override
    public String toString() {
        return "FaultInjectingContentStore[" + delegate() + "]";
    }

    private FaultInjectingContentStore rule(Operation operation, LongPredicate failing) {
        Objects.requireNonNull(operation, "operation");
        counters.get(operation).arm(failing);
        return this;
    }

    /** Counts a call, applies latency, and returns the failure message if the call is to fail. */
    private @Nullable String enter(Operation operation, String what) {
        Counters counter = counters.get(operation);
        long total = counter.total.incrementAndGet();
        long latency = counter.latencyNanos;
        if (latency > 0) {
            sleep(latency);
        }
        Rule rule = counter.rule;
        long call = rule.calls.incrementAndGet();
        if (!rule.failing.test(call)) {
            return null;
        }
        counter.failed.incrementAndGet();
        return "Injected fault: " + operation.name().toLowerCase(Locale.ROOT) + " #" + total + " (" + what + ") of "
                + delegate() + " failed";
    }

    private void fail(@Nullable String failure) {
        if (failure != null) {
            throw exceptions.apply(failure);
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, but was " + value);
        }
    }

    /** A fault rule and the calls counted since it was set. */
    private static final class Rule {

        final LongPredicate failing;

        final AtomicLong calls = new AtomicLong();

        Rule(LongPredicate failing) {
            this.failing = failing;
        }
    }

    /** The state of one operation. */
    private static final class Counters {

        final AtomicLong total = new AtomicLong();

        final AtomicLong failed = new AtomicLong();

        volatile Rule rule = new Rule(NEVER);

        volatile long latencyNanos;

        void arm(LongPredicate failing) {
            rule = new Rule(failing);
        }
    }
}
