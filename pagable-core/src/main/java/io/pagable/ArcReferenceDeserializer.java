package io.pagable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.std.StdDeserializer;

/** Reads a lazy child index back as a paged-out {@link PagableArc}. */
final class ArcReferenceDeserializer extends StdDeserializer<PagableArc<?>> {

    private final JavaType valueType;

    ArcReferenceDeserializer(JavaType arcType) {
        super(arcType);
        this.valueType = arcType.containedTypeOrUnknown(0);
    }

    @Override
    public PagableArc<?> deserialize(JsonParser p, DeserializationContext ctxt) {
        CodecSession session = CodecSession.current();
        return session.source().arc(readIndex(p, session), valueType);
    }

    static int readIndex(JsonParser p, CodecSession session) {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new CorruptDataException(
                    session.key, "expected a child index but found " + p.currentToken() + " at " + p.currentLocation());
        }
        return session.checkIndex(p.getIntValue());
    }
}
