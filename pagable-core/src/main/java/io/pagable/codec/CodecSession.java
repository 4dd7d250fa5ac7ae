package io.pagable.codec;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import org.jspecify.annotations.Nullable;

/** Per-node state the serializers find through a context attribute while one node is encoded or decoded. */
final class CodecSession {

    static final Object ATTRIBUTE = CodecSession.class;

    final @Nullable Object root;

    final @Nullable ChildSink sink;

    final @Nullable ChildSource source;

    final @Nullable DataKey key;

    final int childCount;

    boolean rootEntered;

    private CodecSession(
            @Nullable Object root,
            @Nullable ChildSink sink,
            @Nullable ChildSource source,
            @Nullable DataKey key,
            int childCount,
            boolean rootEntered) {
        this.root = root;
        this.sink = sink;
        this.source = source;
        this.key = key;
        this.childCount = childCount;
        this.rootEntered = rootEntered;
    }

    static CodecSession forEncoding(Object root, ChildSink sink) {
        return new CodecSession(root, sink, null, null, -1, false);
    }

    static CodecSession forDecoding(DataKey key, int childCount, ChildSource source, boolean rootIsNode) {
        return new CodecSession(null, null, source, key, childCount, !rootIsNode);
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
}
