package io.pagable;

/**
 * Thrown when a value is written into a polymorphic position (a field declared as an interface,
 * abstract or non-final class, or the root of a node read back through a supertype) and its class
 * has no registered {@link PagableType} tag.
 */
public class UnregisteredTypeException extends PagableException {

    private static final long serialVersionUID = 1L;

    private final Class<?> type;

    /**
     * Creates the exception.
     *
     * @param type the class without a registered tag
     * @param declaredType the declared type of the position it was written into
     */
    public UnregisteredTypeException(Class<?> type, String declaredType) {
        super("Cannot write a " + type.getName() + " where " + declaredType + " is declared: its class has no "
                + "registered type tag. Annotate it with @PagableType(\"a.stable.name\") and register it with "
                + "PagableStorageBuilder.registerTypes(" + type.getSimpleName() + ".class) or registerPackages(\""
                + type.getPackageName() + "\") (pagable.types.packages in Spring Boot).");
        this.type = type;
    }

    /**
     * Returns the class that has no registered tag.
     *
     * @return the class
     */
    public Class<?> getType() {
        return type;
    }
}
