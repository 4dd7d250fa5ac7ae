package io.pagable;

/**
 * What a {@link PagableArc} asks of the storage that made it: to page its value in, to count its moves
 * between resident and paged out, and (when immutability is verified) to check a value it let go of.
 * The engine reads and changes arc state through the arc's package-private methods.
 */
interface ArcEngine {

    /**
     * Reads a paged-out arc's value: arc cache first, then the store. Must not make the arc resident.
     *
     * @param arc the arc, which has a key
     * @param <T> the value's type
     * @return the value
     */
    <T> T pageIn(PagableArc<T> arc);

    /** Called when an arc takes a strong reference again (pinned after page-out). */
    void arcResident();

    /** Called when an arc drops its strong reference. */
    void arcPagedOut();

    /**
     * Called with a value an arc holds for its key without having read it from the store: just after
     * the arc let go of it (paged out after a write, or its last pin closed), outside any lock, and
     * when a {@code get()} or {@code pin()} of a paged-out arc finds it through the weak reference,
     * before it is returned. The engine checks here, when asked to, that the value still encodes to
     * the key.
     *
     * @param arc the arc, which has a key
     * @param value its value
     * @param <T> the value's type
     * @throws MutatedValueException if the value was changed after it was handed to the arc
     */
    <T> void checkUnchanged(PagableArc<T> arc, T value);
}
