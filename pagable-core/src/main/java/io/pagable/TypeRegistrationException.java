package io.pagable;

/**
 * Thrown at registration when a {@link PagableType} tag is used twice, is blank, or is placed on a
 * class that cannot be a tagged concrete type.
 */
public class TypeRegistrationException extends PagableException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the registration and how to fix it
     */
    public TypeRegistrationException(String message) {
        super(message);
    }
}
