package io.pagable;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Calls the constructor of a record or other property-based creator through a method handle spread
 * once per class. Jackson 3 calls it with {@code MethodHandle.invokeWithArguments}, which adapts the
 * handle again on every call (a spreader, its types and arrays): a measurable share of decoding a small
 * node. Arguments, exceptions and their handling are Jackson's.
 */
final class ConstructorInstantiators implements ValueInstantiators {

    @Override
    public @Nullable ValueInstantiator findValueInstantiator(
            DeserializationConfig config, BeanDescription.Supplier beanDesc) {
        return null;
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(
            DeserializationConfig config, BeanDescription.Supplier beanDesc, ValueInstantiator defaultInstantiator) {
        if (defaultInstantiator.getClass() != StdValueInstantiator.class
                || !(((StdValueInstantiator) defaultInstantiator).getWithArgsCreator()
                        instanceof AnnotatedConstructor creator)) {
            return defaultInstantiator;
        }
        Constructor<?> constructor = creator.getAnnotated();
        try {
            if (!constructor.canAccess(null) && !constructor.trySetAccessible()) {
                return defaultInstantiator;
            }
            MethodHandle spread = MethodHandles.lookup()
                    .unreflectConstructor(constructor)
                    .asSpreader(Object[].class, constructor.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
            return new SpreadConstructorInstantiator((StdValueInstantiator) defaultInstantiator, spread);
        } catch (IllegalAccessException | RuntimeException ex) {
            return defaultInstantiator;
        }
    }

    private static final class SpreadConstructorInstantiator extends StdValueInstantiator {

        private final MethodHandle spread;

        SpreadConstructorInstantiator(StdValueInstantiator source, MethodHandle spread) {
            super(source);
            this.spread = spread;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return spread.invokeExact(args);
            } catch (Exception ex) {
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, ex));
            } catch (Error ex) {
                throw ex;
            } catch (Throwable ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
