package io.pagable;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Skips properties a class no longer has (so removing a field keeps old data readable), and stops at
 * a broken token stream instead of looping: Jackson's replay of buffered unknown properties does not
 * check for the end of input, which hostile bytes can reach.
 */
final class HostileInputGuard extends DeserializationProblemHandler {

    @Override
    public boolean handleUnknownProperty(
            DeserializationContext ctxt,
            JsonParser p,
            ValueDeserializer<?> deserializer,
            Object beanOrClass,
            String propertyName) {
        if (p.currentToken() == null || propertyName == null) {
            CodecSession session = CodecSession.currentOrNull();
            throw new CorruptDataException(
                    (session != null) ? session.key : null, "an object's properties end before the object does");
        }
        p.skipChildren();
        return true;
    }
}
