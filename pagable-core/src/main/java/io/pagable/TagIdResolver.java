package io.pagable;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.impl.TypeIdResolverBase;

/** Maps classes to their {@link io.pagable.PagableType} tags and back; never reads a class name. */
final class TagIdResolver extends TypeIdResolverBase {

    private static final long serialVersionUID = 1L;

    private final transient TypeRegistry registry;

    TagIdResolver(JavaType baseType, TypeRegistry registry) {
        super(baseType);
        this.registry = registry;
    }

    @Override
    public String idFromValue(DatabindContext ctxt, Object value) {
        return idFromValueAndType(ctxt, value, value.getClass());
    }

    @Override
    public String idFromValueAndType(DatabindContext ctxt, Object value, Class<?> suggestedType) {
        String tag = registry.tagOf(suggestedType);
        if (tag == null) {
            throw new UnregisteredTypeException(suggestedType, _baseType.getRawClass());
        }
        return tag;
    }

    @Override
    public JavaType typeFromId(DatabindContext ctxt, String id) {
        Class<?> type = registry.classFor(id);
        DataKey key = currentKey(ctxt);
        if (type == null) {
            throw new UnknownTypeTagException(id, key, registry.tags());
        }
        if (!_baseType.getRawClass().isAssignableFrom(type)) {
            throw new UnknownTypeTagException(id, key, type, _baseType.getRawClass());
        }
        return ctxt.constructSpecializedType(_baseType, type);
    }

    @Override
    public String getDescForKnownTypeIds() {
        return String.join(", ", registry.tags());
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }

    private static @Nullable DataKey currentKey(DatabindContext ctxt) {
        CodecSession session = CodecSession.currentOrNull();
        return (session != null) ? session.key : null;
    }
}
