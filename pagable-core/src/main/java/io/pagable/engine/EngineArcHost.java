package io.pagable.engine;

import io.pagable.ArcHost;
import io.pagable.DataKey;
import io.pagable.MutatedValueException;
import io.pagable.PagableArc;
import io.pagable.codec.NodeCodec;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/** Connects {@link PagableArc}s to the engine, and gives the engine's classes access to arc state. */
final class EngineArcHost extends ArcHost {

    private final NodeLoader loader;

    private final EngineStats stats;

    /** The immutability check, or {@code null} when it is off. */
    private final @Nullable ImmutabilityCheck check;

    EngineArcHost(NodeLoader loader, EngineStats stats, NodeCodec codec, boolean verifyImmutability) {
        this.loader = loader;
        this.stats = stats;
        this.check = verifyImmutability ? new ImmutabilityCheck(codec, this) : null;
    }

    @Override
    protected <T> T pageIn(PagableArc<T> arc) {
        DataKey key = keyOf(arc);
        if (key == null) {
            throw new IllegalStateException("An unsaved arc has no value: " + arc);
        }
        @SuppressWarnings("unchecked")
        T value = (T) loader.load(key, loader.javaType(typeOf(arc)));
        pagedIn(arc, value);
        return value;
    }

    @Override
    protected void arcResident() {
        stats.resident.increment();
        stats.pagedOut.decrement();
    }

    @Override
    protected void arcPagedOut() {
        stats.resident.decrement();
        stats.pagedOut.increment();
    }

    /**
     * Re-encodes the value when verifying immutability; a changed value is forgotten, so the arc pages
     * the stored one in next time, and reported.
     */
    @Override
    protected <T> void checkUnchanged(PagableArc<T> arc, T value) {
        if (check == null) {
            return;
        }
        DataKey key = keyOf(arc);
        if (key == null) {
            return;
        }
        try {
            check.verify(arc, value, key);
        } catch (MutatedValueException ex) {
            forgetValue(arc, value);
            throw ex;
        }
    }

    <T> PagableArc<T> resident(T value) {
        stats.resident.increment();
        stats.pending.increment();
        return newResidentArc(value, value.getClass());
    }

    <T> PagableArc<T> pagedOut(DataKey key, Type type) {
        stats.pagedOut.increment();
        return newPagedOutArc(key, type);
    }

    boolean owns(PagableArc<?> arc) {
        return hostOf(arc) == this;
    }

    static @Nullable DataKey key(PagableArc<?> arc) {
        return keyOf(arc);
    }

    static @Nullable Object claim(PagableArc<?> arc, WriteBatch batch) {
        return ArcHost.claim(arc, batch);
    }

    static void release(PagableArc<?> arc, WriteBatch batch) {
        releaseClaim(arc, batch);
    }

    static @Nullable Object value(PagableArc<?> arc) {
        return reachableValueOf(arc);
    }

    /**
     * Gives an unsaved arc its key: it stops being pending and is released unless pinned.
     *
     * @throws MutatedValueException if the arc was released and its value changed since it was encoded;
     *     the arc has its key all the same
     */
    void markWritten(PagableArc<?> arc, DataKey key) {
        if (keyOf(arc) == null) {
            stats.pending.decrement();
            stats.pageOuts.increment();
        }
        written(arc, key);
    }
}
