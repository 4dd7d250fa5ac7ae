package io.pagable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** The {@link Pinned} of a {@link PagableArc}: one allocation, closed at most once. */
final class PinnedArc<T> implements Pinned<T> {

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(PinnedArc.class, "closed", boolean.class);
        } catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final PagableArc<T> arc;

    private final T value;

    @SuppressWarnings("unused") // accessed through CLOSED
    private volatile boolean closed;

    PinnedArc(PagableArc<T> arc, T value) {
        this.arc = arc;
        this.value = value;
    }

    @Override
    public T get() {
        return value;
    }

    @Override
    public void close() {
        if (CLOSED.compareAndSet(this, false, true)) {
            arc.unpin();
        }
    }

    @Override
    public String toString() {
        return "Pinned[" + arc + "]";
    }
}
