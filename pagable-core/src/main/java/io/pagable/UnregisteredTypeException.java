package io.pagable;

import java.lang.reflect.Modifier;

/**
 * Thrown when a value is written into a polymorphic position (a field declared as an interface,
 * abstract or non-final class, or the root of a node read back through a supertype) and its class
 * has no registered {@link PagableType} tag. The stored data names the concrete class of a value in
 * such a position by its tag, never by a class name, so the class needs one.
 */
public class UnregisteredTypeException extends PagableException {

    private static final long serialVersionUID = 1L;

    private final Class<?> type;

    private final Class<?> declaredType;

    /**
     * Creates the exception.
     *
     * @param type the class without a registered tag
     * @param declaredType the declared type of the position it was written into
     */
    public UnregisteredTypeException(Class<?> type, Class<?> declaredType) {
        super("Cannot write a " + type.getName() + " where " + declaredType.getName() + " is declared: "
                + declaredType.getName() + " is " + kind(declaredType) + ", so the stored data names the class of "
                + "the value there by a registered type tag, and " + type.getName() + " has none. " + fix(type)
                + (isNonFinalClass(declaredType)
                        ? " If nothing but " + declaredType.getSimpleName() + " itself is written there, declare "
                                + declaredType.getSimpleName() + " final (or a record) instead: then it needs no tag."
                        : ""));
        this.type = type;
        this.declaredType = declaredType;
    }

    private static String kind(Class<?> declaredType) {
        if (declaredType.isInterface()) {
            return "an interface";
        }
        return Modifier.isAbstract(declaredType.getModifiers()) ? "an abstract class" : "a non-final class";
    }

    private static boolean isNonFinalClass(Class<?> declaredType) {
        return !declaredType.isInterface() && !Modifier.isAbstract(declaredType.getModifiers());
    }

    private static String fix(Class<?> type) {
        if (type.isAnonymousClass()) {
            return "An anonymous class cannot carry a tag: write an instance of a named class annotated with "
                    + "@PagableType(\"a.stable.name\") instead.";
        }
        return "Annotate " + type.getSimpleName() + " with @PagableType(\"a.stable.name\") and register it with "
                + "PagableStorageBuilder.registerTypes(" + type.getSimpleName() + ".class) or registerPackages(\""
                + type.getPackageName() + "\") (pagable.types.packages in Spring Boot).";
    }

    /**
     * Returns the class that has no registered tag.
     *
     * @return the class
     */
    public Class<?> getType() {
        return type;
    }

    /**
     * Returns the declared type of the position the value was written into: an interface, an abstract
     * or a non-final class.
     *
     * @return the declared type
     */
    public Class<?> getDeclaredType() {
        return declaredType;
    }
}
