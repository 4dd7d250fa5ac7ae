package io.pagable;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * One node being encoded: its children, numbered by identity in the order the encoder meets them
 * (it is the encoder's {@link ChildSink}), then its bytes and how far its children's keys are known.
 */
final class Frame implements ChildSink {

    private static final Object[] NO_CHILDREN = new Object[0];

    private static final JavaType[] NO_TYPES = new JavaType[0];

    private static final boolean[] NO_FLAGS = new boolean[0];

    private static final DataKey[] NO_KEYS = new DataKey[0];

    private static final byte[] EMPTY = new byte[0];

    final Object reference;

    Object[] children = NO_CHILDREN;

    JavaType[] declaredTypes = NO_TYPES;

    private boolean[] eager = NO_FLAGS;

    int count;

    /** Child indices by identity; made at the second child (most nodes have none or one). */
    private @Nullable Map<Object, Integer> indices;

    byte[] data = EMPTY;

    DataKey[] childKeys = NO_KEYS;

    int next;

    @Nullable
    DataKey key;

    Frame(Object reference) {
        this.reference = reference;
    }

    /** Takes the node's bytes once the encoder is done with its children. */
    void encoded(byte[] bytes) {
        this.data = bytes;
        this.childKeys = (count == 0) ? NO_KEYS : new DataKey[count];
    }

    @Override
    public int reference(Object child, boolean isEager, JavaType declaredType) {
        if (count > 0) {
            if (count == 1 && children[0] == child) {
                return 0;
            }
            if (indices == null) {
                indices = new IdentityHashMap<>();
                indices.put(children[0], 0);
            }
            Integer index = indices.get(child);
            if (index != null) {
                return index;
            }
        }
        if (child == reference) {
            throw new CycleException(List.of(GraphWriter.describe(reference), GraphWriter.describe(child)));
        }
        if (count == children.length) {
            int capacity = Math.max(4, count * 2);
            children = Arrays.copyOf(children, capacity);
            declaredTypes = Arrays.copyOf(declaredTypes, capacity);
            eager = Arrays.copyOf(eager, capacity);
        }
        int assigned = count++;
        children[assigned] = child;
        declaredTypes[assigned] = declaredType;
        eager[assigned] = isEager;
        if (indices != null) {
            indices.put(child, assigned);
        }
        return assigned;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public boolean isEager(int index) {
        return eager[index];
    }
}
