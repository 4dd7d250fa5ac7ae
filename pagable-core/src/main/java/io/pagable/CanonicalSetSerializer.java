package io.pagable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an unordered {@link java.util.Set} in the natural order of its elements, so equal sets give
 * equal bytes whatever their insertion order. Sets of elements that are not {@link Comparable} keep
 * their iteration order (documented: use a list or a sorted set for them).
 */
final class CanonicalSetSerializer extends StdSerializer<Collection<?>> {

    private final ValueSerializer<Object> delegate;

    @SuppressWarnings("unchecked")
    CanonicalSetSerializer(ValueSerializer<?> delegate) {
        super(Collection.class);
        this.delegate = (ValueSerializer<Object>) delegate;
    }

    @Override
    public void resolve(SerializationContext ctxt) {
        delegate.resolve(ctxt);
    }

    @Override
    public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
        ValueSerializer<?> contextual = delegate.createContextual(ctxt, property);
        return (contextual == delegate) ? this : new CanonicalSetSerializer(contextual);
    }

    @Override
    public boolean isEmpty(SerializationContext ctxt, Collection<?> value) {
        return value.isEmpty();
    }

    @Override
    public void serialize(Collection<?> value, JsonGenerator gen, SerializationContext ctxt) {
        delegate.serialize(canonical(value), gen, ctxt);
    }

    @Override
    public void serializeWithType(
            Collection<?> value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
        delegate.serializeWithType(canonical(value), gen, ctxt, typeSer);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Collection<?> canonical(Collection<?> set) {
        if (set.size() < 2) {
            return set;
        }
        for (Object element : set) {
            if (!(element instanceof Comparable)) {
                return set;
            }
        }
        List sorted = new ArrayList<>(set);
        try {
            sorted.sort(null);
        } catch (ClassCastException ex) {
            return set;
        }
        return sorted;
    }
}
