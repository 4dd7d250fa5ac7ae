package io.pagable.codec;

import io.pagable.PagableArc;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** Writes a {@link PagableArc} as the index of a lazy child instead of its value. */
final class ArcReferenceSerializer extends StdSerializer<PagableArc<?>> {

    private final JavaType valueType;

    ArcReferenceSerializer(JavaType arcType) {
        super(arcType);
        this.valueType = arcType.containedTypeOrUnknown(0);
    }

    @Override
    public void serialize(PagableArc<?> arc, JsonGenerator gen, SerializationContext ctxt) {
        CodecSession session = CodecSession.current();
        gen.writeNumber(session.sink().reference(arc, false, valueType));
    }
}
