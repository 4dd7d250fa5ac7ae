package io.pagable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.lang.reflect.Type;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a value that can be paged out of the heap and back in. Create one with
 * {@link PagableStorage#arc(Object)}; hold it in fields of your model to let subgraphs page out
 * and load lazily.
 *
 * <p>An arc is in one of three states:
 * <ul>
 *   <li><em>resident, unsaved</em>: it holds its value and is queued; the next drain writes it;
 *   <li><em>pinned</em>: it holds its value because a {@link Pinned} is open; no drain releases it;
 *   <li><em>paged out</em>: it holds the value's {@link DataKey} and a weak reference only; the
 *       garbage collector may reclaim the value.
 * </ul>
 * {@link #get()} and {@link #pin()} on a resident arc take no lock and allocate nothing but the
 * {@code Pinned}. On a paged-out arc they try the weak reference, then the storage's arc cache,
 * then the store. Thread-safe.
 *
 * @param <T> the value's type
 */
public final class PagableArc<T> {

    private static final VarHandle PINS;

    private static final VarHandle STRONG;

    private static final VarHandle WRITER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PINS = lookup.findVarHandle(PagableArc.class, "pins", int.class);
            STRONG = lookup.findVarHandle(PagableArc.class, "strong", Object.class);
            WRITER = lookup.findVarHandle(PagableArc.class, "writer", Object.class);
        } catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Pin count while a release is in progress; pinning waits for it to finish. */
    private static final int RELEASING = -1;

    private final ArcEngine engine;

    private final Type type;

    private volatile @Nullable T strong;

    private volatile @Nullable DataKey key;

    private volatile @Nullable WeakReference<T> weak;

    @SuppressWarnings("unused") // accessed through PINS
    private volatile int pins;

    @SuppressWarnings("unused") // accessed through WRITER
    private volatile @Nullable Object writer;

    PagableArc(ArcEngine engine, Type type, @Nullable T value, @Nullable DataKey key) {
        this.engine = engine;
        this.type = type;
        this.strong = value;
        this.key = key;
    }

    /**
     * Returns the value, paging it in if needed; retains no pin, so a paged-out arc stays paged out.
     *
     * @return the value
     * @throws PagableException if paging in fails (missing, corrupt or unreadable data)
     */
    public T get() {
        T value = strong;
        return (value != null) ? value : slowGet();
    }

    /**
     * Pins the arc: pages the value in if needed and keeps it resident until the pin is closed.
     *
     * @return an open pin; close it when done
     * @throws PagableException if paging in fails
     */
    public Pinned<T> pin() {
        acquirePin();
        T value = strong;
        if (value == null) {
            try {
                value = residentFromPin();
            } catch (RuntimeException | Error ex) {
                unpin();
                throw ex;
            }
        }
        return new PinnedArc<>(this, value);
    }

    /**
     * Tells whether the arc holds no strong reference to its value.
     *
     * @return true when paged out
     */
    public boolean isPagedOut() {
        return strong == null;
    }

    /**
     * Returns the value's key once the value has been written.
     *
     * @return the key, or empty while the arc is resident and unsaved
     */
    public Optional<DataKey> key() {
        return Optional.ofNullable(key);
    }

    @Override
    public String toString() {
        DataKey current = key;
        String state = (strong == null) ? "paged out" : ((int) PINS.getVolatile(this) > 0) ? "pinned" : "resident";
        return "PagableArc[" + state + ((current != null) ? ", key=" + current : ", unsaved") + "]";
    }

    private T slowGet() {
        WeakReference<T> ref = weak;
        T value = (ref != null) ? ref.get() : null;
        if (value != null) {
            engine.checkUnchanged(this, value);
            return value;
        }
        value = strong;
        if (value == null) {
            value = engine.pageIn(this);
        }
        return value;
    }

    private T residentFromPin() {
        T value = slowGet();
        @SuppressWarnings("unchecked")
        T witness = (T) STRONG.compareAndExchange(this, null, value);
        if (witness != null) {
            return witness;
        }
        engine.arcResident();
        return value;
    }

    private void acquirePin() {
        while (true) {
            int current = (int) PINS.getVolatile(this);
            if (current == RELEASING) {
                Thread.onSpinWait();
            } else if (PINS.compareAndSet(this, current, current + 1)) {
                return;
            }
        }
    }

    void unpin() {
        int remaining = (int) PINS.getAndAdd(this, -1) - 1;
        if (remaining == 0 && key != null) {
            release();
        }
    }

    /**
     * Drops the strong reference if the arc has a key and no pins, then lets the engine check the value
     * it let go of (outside the release, so pinning threads do not wait for the check).
     */
    void release() {
        T released = null;
        if (PINS.compareAndSet(this, 0, RELEASING)) {
            try {
                T value = strong;
                if (value != null && key != null) {
                    weak = new WeakReference<>(value);
                    strong = null;
                    engine.arcPagedOut();
                    released = value;
                }
            } finally {
                PINS.setVolatile(this, 0);
            }
        }
        if (released != null) {
            engine.checkUnchanged(this, released);
        }
    }

    Type type() {
        return type;
    }

    @Nullable
    DataKey currentKey() {
        return key;
    }

    void assignKey(DataKey assigned) {
        key = assigned;
    }

    /** The value if it is reachable without a read: strong or weakly held. */
    @Nullable
    T reachableValue() {
        T value = strong;
        if (value == null) {
            WeakReference<T> ref = weak;
            value = (ref != null) ? ref.get() : null;
        }
        return value;
    }

    void rememberWeakly(T value) {
        weak = new WeakReference<>(value);
    }

    /** Forgets a value held weakly, so the next page-in reads the stored one. */
    void forgetWeakly(T value) {
        WeakReference<T> ref = weak;
        if (ref != null && ref.get() == value) {
            weak = null;
        }
    }

    /** Claims the arc for one write batch; returns null on success, else the batch holding it. */
    @Nullable
    Object claimFor(Object batch) {
        Object witness = WRITER.compareAndExchange(this, null, batch);
        return (witness == null || witness == batch) ? null : witness;
    }

    void releaseClaim(Object batch) {
        WRITER.compareAndSet(this, batch, null);
    }

    ArcEngine engine() {
        return engine;
    }
}
