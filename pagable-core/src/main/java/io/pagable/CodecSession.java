package io.pagable;

import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * Per-node state the serializers find while one node is encoded or decoded. It lives in a thread
 * local for the duration of the call, not in Jackson's configuration: Jackson caches serializers with
 * the configuration they were built under, which would keep the first node's values reachable.
 */
final class CodecSession {

    /** One mutable slot per thread: entering and leaving a session never touches the thread-local map. */
    private static final ThreadLocal<CodecSession[]> CURRENT = ThreadLocal.withInitial(() -> new CodecSession[1]);

    final @Nullable Object root;

    final @Nullable ChildSink sink;

    final @Nullable ChildSource source;

    final @Nullable DataKey key;

    final int childCount;

    private final @Nullable BitSet eagerChildren;

    boolean rootEntered;

    /** Set by the encoder when it writes a node reference at a polymorphic position as a bare index. */
    boolean bareNodeReferences;

    private CodecSession(
            @Nullable Object root,
            @Nullable ChildSink sink,
            @Nullable ChildSource source,
            @Nullable DataKey key,
            int childCount,
            @Nullable BitSet eagerChildren,
            boolean rootEntered) {
        this.root = root;
        this.sink = sink;
        this.source = source;
        this.key = key;
        this.childCount = childCount;
        this.eagerChildren = eagerChildren;
        this.rootEntered = rootEntered;
    }

    static CodecSession forEncoding(Object root, ChildSink sink) {
        return new CodecSession(root, sink, null, null, -1, null, false);
    }

    static CodecSession forDecoding(
            DataKey key, int childCount, BitSet eagerChildren, ChildSource source, boolean rootIsNode) {
        return new CodecSession(null, null, source, key, childCount, eagerChildren, !rootIsNode);
    }

    /** Makes a session current for this thread; returns the one it replaces (decoding nests). */
    static @Nullable CodecSession enter(CodecSession session) {
        CodecSession[] slot = CURRENT.get();
        CodecSession previous = slot[0];
        slot[0] = session;
        return previous;
    }

    static void exit(@Nullable CodecSession previous) {
        CURRENT.get()[0] = previous;
    }

    static CodecSession current() {
        CodecSession session = CURRENT.get()[0];
        if (session == null) {
            throw new IllegalStateException("pagable's Jackson module is used outside NodeCodec");
        }
        return session;
    }

    static @Nullable CodecSession currentOrNull() {
        return CURRENT.get()[0];
    }

    ChildSink sink() {
        if (sink == null) {
            throw new IllegalStateException("Not encoding a node");
        }
        return sink;
    }

    ChildSource source() {
        if (source == null) {
            throw new IllegalStateException("Not decoding a node");
        }
        return source;
    }

    int checkIndex(int index) {
        if (index < 0 || index >= childCount) {
            throw new CorruptDataException(
                    key,
                    "a child reference points at index " + index + " but the node has " + childCount + " children");
        }
        return index;
    }

    /** Checks that a child index names an eager {@link io.pagable.PagableNode} child, not a lazy arc. */
    int checkNodeIndex(int index) {
        checkIndex(index);
        if (eagerChildren != null && !eagerChildren.get(index)) {
            throw new CorruptDataException(
                    key, "a node reference points at child " + index + ", which the node's header marks as a lazy arc");
        }
        return index;
    }
}
