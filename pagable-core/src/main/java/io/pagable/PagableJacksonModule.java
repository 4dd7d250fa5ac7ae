package io.pagable;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.Set;
import java.util.SortedSet;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.type.CollectionType;

/**
 * Teaches Jackson pagable's child references: {@link PagableArc} and {@link PagableNode} instances
 * become child indices, and unordered sets are written in a canonical order.
 */
final class PagableJacksonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    PagableJacksonModule() {
        super("pagable");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addSerializers(new ArcSerializers());
        context.addDeserializers(new ArcDeserializers());
        context.addSerializerModifier(new NodeSerializerModifier());
        context.addDeserializerModifier(new NodeDeserializerModifier());
        context.addValueInstantiators(new ConstructorInstantiators());
    }

    private static final class ArcSerializers implements Serializers {

        @Override
        public ValueSerializer<?> findSerializer(
                SerializationConfig config, JavaType type, BeanDescription.Supplier beanDesc, JsonFormat.Value format) {
            return (type.getRawClass() == PagableArc.class) ? new ArcReferenceSerializer(type) : null;
        }
    }

    private static final class ArcDeserializers implements Deserializers {

        @Override
        public ValueDeserializer<?> findBeanDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription.Supplier beanDesc) {
            return (type.getRawClass() == PagableArc.class) ? new ArcReferenceDeserializer(type) : null;
        }

        @Override
        public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
            return valueType == PagableArc.class;
        }
    }

    private static final class NodeSerializerModifier extends ValueSerializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public ValueSerializer<?> modifySerializer(
                SerializationConfig config, BeanDescription.Supplier beanDesc, ValueSerializer<?> serializer) {
            JavaType type = beanDesc.getType();
            return type.getRawClass().isAnnotationPresent(PagableNode.class)
                    ? new NodeReferenceSerializer(type, serializer)
                    : serializer;
        }

        @Override
        public ValueSerializer<?> modifyCollectionSerializer(
                SerializationConfig config,
                CollectionType valueType,
                BeanDescription.Supplier beanDesc,
                ValueSerializer<?> serializer) {
            Class<?> raw = valueType.getRawClass();
            boolean unordered = Set.class.isAssignableFrom(raw) && !SortedSet.class.isAssignableFrom(raw);
            return unordered ? new CanonicalSetSerializer(serializer) : serializer;
        }
    }

    private static final class NodeDeserializerModifier extends ValueDeserializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public ValueDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
            JavaType type = beanDesc.getType();
            return type.getRawClass().isAnnotationPresent(PagableNode.class)
                    ? new NodeReferenceDeserializer(type, deserializer)
                    : deserializer;
        }
    }
}
