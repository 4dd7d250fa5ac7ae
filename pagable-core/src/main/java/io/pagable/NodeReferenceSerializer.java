package io.pagable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.WritableTypeId;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Serializer of a {@link io.pagable.PagableNode} class: the node being encoded is written in full by the
 * bean serializer it wraps; every other instance is written as the index of an eager child, with no
 * type tag even at a polymorphic position: the child's own node header carries its tag.
 */
final class NodeReferenceSerializer extends StdSerializer<Object> {

    private final ValueSerializer<Object> bean;

    private final JavaType type;

    @SuppressWarnings("unchecked")
    NodeReferenceSerializer(JavaType type, ValueSerializer<?> bean) {
        super(type);
        this.type = type;
        this.bean = (ValueSerializer<Object>) bean;
    }

    @Override
    public void resolve(SerializationContext ctxt) {
        bean.resolve(ctxt);
    }

    @Override
    public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
        ValueSerializer<?> contextual = bean.createContextual(ctxt, property);
        return (contextual == bean) ? this : new NodeReferenceSerializer(type, contextual);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
        CodecSession session = CodecSession.current();
        if (enterRoot(session, value)) {
            bean.serialize(value, gen, ctxt);
        } else {
            gen.writeNumber(session.sink().reference(value, true, type));
        }
    }

    @Override
    public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
        CodecSession session = CodecSession.current();
        if (enterRoot(session, value)) {
            bean.serializeWithType(value, gen, ctxt, typeSer);
        } else if (typeSer.getTypeIdResolver() instanceof TagIdResolver tags) {
            tags.idFromValue(ctxt, value); // refuses an unregistered class, which could not be read back
            session.bareNodeReferences = true;
            gen.writeNumber(session.sink().reference(value, true, type));
        } else {
            // a type id of the application's own (@JsonTypeInfo), which only Jackson's reader understands
            WritableTypeId typeId =
                    typeSer.writeTypePrefix(gen, ctxt, typeSer.typeId(value, JsonToken.VALUE_NUMBER_INT));
            gen.writeNumber(session.sink().reference(value, true, type));
            typeSer.writeTypeSuffix(gen, ctxt, typeId);
        }
    }

    private static boolean enterRoot(CodecSession session, Object value) {
        if (!session.rootEntered && value == session.root) {
            session.rootEntered = true;
            return true;
        }
        return false;
    }
}
