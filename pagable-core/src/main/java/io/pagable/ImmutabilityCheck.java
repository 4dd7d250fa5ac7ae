package io.pagable;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The check of {@code verifyImmutability}: re-encodes an arc's value as the writer would store it and
 * compares the key that gives with the arc's key. The key covers the node's bytes and its children's
 * keys, so the check sees a change anywhere in the node: its plain fields, which children it refers to,
 * and the {@link PagableNode} instances below it (encoded again, as a change in one changes its key). A
 * child arc counts by its key; its own value is checked when that arc lets go of it.
 *
 * <p>It costs about one encoding of the value (and its eager nodes) and one key computation per check,
 * without a store write, on the thread that released the arc or called {@code get()}. Thread-safe.
 */
final class ImmutabilityCheck {

    private final NodeCodec codec;

    private final ArcEngine engine;

    ImmutabilityCheck(NodeCodec codec, ArcEngine engine) {
        this.codec = codec;
        this.engine = engine;
    }

    /**
     * Checks that an arc's value still encodes to the arc's key.
     *
     * @throws MutatedValueException naming the value's class and the key when it does not
     */
    void verify(PagableArc<?> arc, Object value, DataKey stored) {
        DataKey current;
        try {
            current = keyOf(arc, value, new IdentityHashMap<>());
        } catch (PagableException ex) { // it was encoded once, so it changed (a cycle, an unregistered type)
            throw mutated(stored, value, ex);
        }
        if (!stored.equals(current)) {
            throw mutated(stored, value, null);
        }
    }

    /**
     * Computes the key of a node: its bytes and its children's keys. {@code keys} holds the keys of the
     * node instances computed so far in this check, and {@code null} for those being computed (a cycle).
     *
     * @return the key, or {@code null} if the node refers to an arc without a key, to one of another
     *     storage, or back to itself: no stored value does
     */
    private @Nullable DataKey keyOf(Object reference, Object value, Map<Object, @Nullable DataKey> keys) {
        Frame frame = new Frame(reference);
        byte[] data = codec.encode(value, frame);
        DataKey[] childKeys = new DataKey[frame.count];
        for (int i = 0; i < frame.count; i++) {
            DataKey key = childKey(frame.children[i], keys);
            if (key == null) {
                return null;
            }
            childKeys[i] = key;
        }
        return DataKey.compute(data, Arrays.asList(childKeys));
    }

    private @Nullable DataKey childKey(Object child, Map<Object, @Nullable DataKey> keys) {
        if (child instanceof PagableArc<?> arc) {
            return (arc.engine() == engine) ? arc.currentKey() : null;
        }
        if (keys.containsKey(child)) {
            return keys.get(child);
        }
        keys.put(child, null);
        DataKey key = keyOf(child, child, keys);
        keys.put(child, key);
        return key;
    }

    private static MutatedValueException mutated(DataKey key, Object value, @Nullable Throwable cause) {
        MutatedValueException ex = new MutatedValueException(key, value.getClass());
        if (cause != null) {
            ex.initCause(cause);
        }
        return ex;
    }
}
