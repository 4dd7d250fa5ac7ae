package io.pagable;

import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * The engine side of {@link PagableArc}: what an arc calls to page its value in, and what the engine
 * uses to create arcs and move them between states. This is the seam between the API and
 * {@code io.pagable.engine}; applications use {@link PagableStorage} and never need this class.
 */
public abstract class ArcHost {

    /** For the engine's subclass. */
    protected ArcHost() {}

    /**
     * Reads a paged-out arc's value: arc cache first, then the store. Must not make the arc resident.
     *
     * @param arc the arc, which has a key
     * @param <T> the value's type
     * @return the value
     */
    protected abstract <T> T pageIn(PagableArc<T> arc);

    /** Called when an arc takes a strong reference again (pinned after page-out). */
    protected abstract void arcResident();

    /** Called when an arc drops its strong reference. */
    protected abstract void arcPagedOut();

    /**
     * Called with a value an arc holds for its key without having read it from the store: just after
     * the arc let go of it (paged out after a write, or its last pin closed), outside any lock, and
     * when a {@code get()} or {@code pin()} of a paged-out arc finds it through the weak reference,
     * before it is returned. Does nothing by default; the engine checks here, when asked to, that the
     * value still encodes to the key.
     *
     * @param arc the arc, which has a key
     * @param value its value
     * @param <T> the value's type
     * @throws MutatedValueException if the value was changed after it was handed to the arc
     */
    protected <T> void checkUnchanged(PagableArc<T> arc, T value) {}

    /**
     * Creates a resident, unsaved arc owned by this host.
     *
     * @param value the value
     * @param type the value's declared or runtime type
     * @param <T> the value's type
     * @return the arc
     */
    protected final <T> PagableArc<T> newResidentArc(T value, Type type) {
        return new PagableArc<>(this, type, value, null);
    }

    /**
     * Creates a paged-out arc for stored data.
     *
     * @param key the value's key
     * @param type the type to decode the value as
     * @param <T> the value's type
     * @return the arc
     */
    protected final <T> PagableArc<T> newPagedOutArc(DataKey key, Type type) {
        return new PagableArc<>(this, type, null, key);
    }

    /**
     * Returns the host an arc belongs to.
     *
     * @param arc the arc
     * @return its host
     */
    protected static ArcHost hostOf(PagableArc<?> arc) {
        return arc.host();
    }

    /**
     * Returns the type an arc's value is decoded as.
     *
     * @param arc the arc
     * @return the declared or runtime type
     */
    protected static Type typeOf(PagableArc<?> arc) {
        return arc.type();
    }

    /**
     * Returns an arc's key, if written.
     *
     * @param arc the arc
     * @return the key, or {@code null}
     */
    protected static @Nullable DataKey keyOf(PagableArc<?> arc) {
        return arc.currentKey();
    }

    /**
     * Returns an arc's value if it is held strongly or weakly, without reading the store.
     *
     * @param arc the arc
     * @param <T> the value's type
     * @return the value, or {@code null} when it must be paged in
     */
    protected static <T> @Nullable T reachableValueOf(PagableArc<T> arc) {
        return arc.reachableValue();
    }

    /**
     * Records that an arc's value was written under a key, and releases the arc unless pinned.
     *
     * @param arc the arc
     * @param key the key its value was written under
     */
    protected static void written(PagableArc<?> arc, DataKey key) {
        arc.assignKey(key);
        arc.release();
    }

    /**
     * Remembers a paged-in value weakly on the arc, so the next {@code get()} finds it while it lives.
     *
     * @param arc the arc
     * @param value the value just paged in
     * @param <T> the value's type
     */
    protected static <T> void pagedIn(PagableArc<T> arc, T value) {
        arc.rememberWeakly(value);
    }

    /**
     * Forgets a value an arc holds weakly, if it still holds that one, so that its next {@code get()}
     * pages in the stored value.
     *
     * @param arc the arc
     * @param value the value to forget
     * @param <T> the value's type
     */
    protected static <T> void forgetValue(PagableArc<T> arc, T value) {
        arc.forgetWeakly(value);
    }

    /**
     * Claims an arc for one write batch, so no other batch writes it at the same time.
     *
     * @param arc the arc
     * @param batch the claiming batch
     * @return {@code null} when the batch holds the claim, else the batch that does
     */
    protected static @Nullable Object claim(PagableArc<?> arc, Object batch) {
        return arc.claimFor(batch);
    }

    /**
     * Releases a claim taken with {@link #claim}.
     *
     * @param arc the arc
     * @param batch the batch that holds the claim
     */
    protected static void releaseClaim(PagableArc<?> arc, Object batch) {
        arc.releaseClaim(batch);
    }
}
