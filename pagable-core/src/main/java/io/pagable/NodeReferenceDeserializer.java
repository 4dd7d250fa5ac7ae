package io.pagable;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Deserializer of a {@link io.pagable.PagableNode} class: the node being decoded is read in full by the
 * bean deserializer it wraps; every other occurrence is an eager child index, resolved by the
 * {@link ChildSource}.
 */
final class NodeReferenceDeserializer extends DelegatingDeserializer {

    private final JavaType type;

    NodeReferenceDeserializer(JavaType type, ValueDeserializer<?> bean) {
        super(bean);
        this.type = type;
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
        return new NodeReferenceDeserializer(type, newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) {
        CodecSession session = CodecSession.current();
        if (!session.rootEntered) {
            session.rootEntered = true;
            return super.deserialize(p, ctxt);
        }
        return session.source().node(session.checkNodeIndex(ArcReferenceDeserializer.readIndex(p, session)), type);
    }

    @Override
    public boolean isCachable() {
        return true;
    }
}
