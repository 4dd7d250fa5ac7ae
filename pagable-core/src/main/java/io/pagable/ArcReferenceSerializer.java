package io.pagable;

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
        rejectPolymorphicContainer();
        CodecSession session = CodecSession.current();
        gen.writeNumber(session.sink().reference(arc, false, valueType));
    }

    /**
     * An arc's value is its own node, encoded by its runtime class; a collection's elements then carry
     * no type tags, so a {@code PagableArc<List<Shape>>} could be written but not read back. Such arcs
     * are refused on write, with the fix.
     */
    private void rejectPolymorphicContainer() {
        JavaType content = valueType.getContentType();
        if (valueType.isContainerType() && content != null && TagTypeResolverBuilder.isPolymorphic(content)) {
            throw new PagableException("A PagableArc<" + valueType.toCanonical() + "> cannot be stored: its "
                    + "elements are polymorphic (" + content.getRawClass().getName() + ") and the arc's value "
                    + "is written without its declared type. Hold the collection in a record, e.g. "
                    + "PagableArc<Members> with record Members("
                    + valueType.getRawClass().getSimpleName()
                    + "<" + content.getRawClass().getSimpleName() + "> items).");
        }
    }
}
