package io.pagable;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.lang.reflect.Modifier;
import java.util.Collection;
import tools.jackson.core.TreeNode;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeIdResolver;
import tools.jackson.databind.jsontype.impl.AsArrayTypeDeserializer;
import tools.jackson.databind.jsontype.impl.DefaultTypeResolverBuilder;

/**
 * Decides which declared types carry a type tag, and resolves tags through the {@link TypeRegistry}:
 * every interface, abstract or non-final class of the application's own (not a JDK type, not a
 * container), so a field of such a type round-trips its concrete class by its stable tag. A value
 * there is a {@code [tag, value]} array, except a {@link io.pagable.PagableNode} child, which is its bare
 * child index (its own node header carries its tag); see {@link TagTypeDeserializer}.
 */
final class TagTypeResolverBuilder extends DefaultTypeResolverBuilder {

    private static final long serialVersionUID = 1L;

    /** Only registered tags are ever resolved, so no class name check is needed here. */
    private static final PolymorphicTypeValidator ANY_REGISTERED =
            BasicPolymorphicTypeValidator.builder().allowIfSubType(Object.class).build();

    private final transient TypeRegistry registry;

    TagTypeResolverBuilder(TypeRegistry registry) {
        super(ANY_REGISTERED, DefaultTyping.NON_FINAL, JsonTypeInfo.As.WRAPPER_ARRAY, JsonTypeInfo.Id.CUSTOM, null);
        this.registry = registry;
    }

    @Override
    public boolean useForType(JavaType type) {
        return isPolymorphic(type);
    }

    static boolean isPolymorphic(JavaType type) {
        if (type.isContainerType() || type.isReferenceType() || type.isPrimitive() || type.isEnumType()) {
            return false;
        }
        Class<?> raw = type.getRawClass();
        if (raw == Object.class || raw == PagableArc.class || Modifier.isFinal(raw.getModifiers()) || raw.isRecord()) {
            return false;
        }
        if (TreeNode.class.isAssignableFrom(raw)) {
            return false;
        }
        String name = raw.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk."));
    }

    @Override
    public TypeDeserializer buildTypeDeserializer(
            DeserializationContext ctxt, JavaType baseType, Collection<NamedType> subtypes) {
        TypeDeserializer built = super.buildTypeDeserializer(ctxt, baseType, subtypes);
        return (built instanceof AsArrayTypeDeserializer array) ? new TagTypeDeserializer(array, null) : built;
    }

    @Override
    protected TypeIdResolver idResolver(
            DatabindContext ctxt,
            JavaType baseType,
            PolymorphicTypeValidator subtypeValidator,
            Collection<NamedType> subtypes,
            boolean forSer,
            boolean forDeser) {
        return new TagIdResolver(baseType, registry);
    }
}
