package io.pagable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.impl.AsArrayTypeDeserializer;

/**
 * Reads a value at a polymorphic position: a {@code [tag, value]} array, or a bare child index, which
 * is a reference to an eager {@link PagableNode} child whose own node header carries its tag. A bare
 * index is only ever a node reference: it must name an eager child, and the child must decode to a
 * {@code @PagableNode} of the declared type.
 */
final class TagTypeDeserializer extends AsArrayTypeDeserializer {

    TagTypeDeserializer(AsArrayTypeDeserializer src, BeanProperty property) {
        super(src, property);
    }

    @Override
    public TypeDeserializer forProperty(BeanProperty prop) {
        return (prop == _property) ? this : new TagTypeDeserializer(this, prop);
    }

    @Override
    protected Object _deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return nodeReference(p);
        }
        return super._deserialize(p, ctxt);
    }

    private Object nodeReference(JsonParser p) {
        CodecSession session = CodecSession.current();
        if (p.streamReadContext().inRoot()) {
            throw new CorruptDataException(
                    session.key, "the node's root is a bare child index; a node's own value is written in full");
        }
        int index = session.checkNodeIndex(ArcReferenceDeserializer.readIndex(p, session));
        Object child = session.source().node(index, _baseType);
        Class<?> type = child.getClass();
        if (!NodeCodec.isNodeClass(type) || !_baseType.getRawClass().isInstance(child)) {
            throw new CorruptDataException(
                    session.key,
                    "child " + index + " is referenced as a @PagableNode "
                            + _baseType.getRawClass().getName() + " but is a " + type.getName());
        }
        return child;
    }
}
