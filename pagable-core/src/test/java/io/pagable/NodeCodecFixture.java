package io.pagable;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * The engine's node codec for code outside the package that measures it, such as the JMH benchmarks
 * (published in this module's test jar; not part of the library). Encodes a value as a page-out does,
 * numbering its children by identity, and decodes it as a page-in does, resolving children from a list.
 */
public final class NodeCodecFixture {

    private final NodeCodec codec;

    private final JavaType type;

    /**
     * Creates a codec with the tags of a registry for values read as a type.
     *
     * @param registry the type tags
     * @param type the type values are decoded as
     */
    public NodeCodecFixture(TypeRegistry registry, Class<?> type) {
        this.codec = new NodeCodec(registry, 64 * 1024 * 1024);
        this.type = codec.javaType(type);
    }

    /**
     * Encodes a node.
     *
     * @param value the value
     * @param children where its children (arcs and {@link PagableNode} instances) are added in the
     *     order they are numbered, or {@code null} when the value has none
     * @return the node's bytes
     */
    public byte[] encode(Object value, @Nullable List<Object> children) {
        return codec.encode(value, (children != null) ? new Numbering(children) : ChildSink.none());
    }

    /**
     * Decodes a node: header, root type, payload.
     *
     * @param key the node's key
     * @param data its bytes
     * @param children its children's values by index (no arcs)
     * @return the value
     */
    public Object decode(DataKey key, byte[] data, List<Object> children) {
        NodeHeader header = codec.readHeader(key, data, children.size());
        JavaType concrete = codec.rootType(key, header, type);
        ChildSource source = children.isEmpty() ? ChildSource.none() : new Resolved(children);
        return codec.decode(key, data, header, children.size(), concrete, source);
    }

    /** Numbers children by identity, as the engine does. */
    private static final class Numbering implements ChildSink {

        private final List<Object> children;

        private final Map<Object, Integer> indices = new IdentityHashMap<>();

        Numbering(List<Object> children) {
            this.children = children;
        }

        @Override
        public int reference(Object child, boolean eager, JavaType declaredType) {
            return indices.computeIfAbsent(child, (c) -> {
                children.add(c);
                return children.size() - 1;
            });
        }

        @Override
        public int count() {
            return children.size();
        }

        @Override
        public boolean isEager(int index) {
            return true;
        }
    }

    /** Children resolved from a list. */
    private record Resolved(List<Object> children) implements ChildSource {

        @Override
        public Object node(int index, JavaType type) {
            return children.get(index);
        }

        @Override
        public PagableArc<?> arc(int index, JavaType valueType) {
            throw new IllegalStateException("No arcs here");
        }
    }
}
