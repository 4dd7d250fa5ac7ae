package io.pagable;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a concrete class the stable tag under which it is written wherever it appears in a
 * polymorphic position (a field declared as an interface, abstract or non-final class). The tag,
 * not the class name, is stored, so classes can be renamed and moved freely; change a tag only
 * together with a migration of the stored data.
 *
 * <pre>{@code
 * @PagableType("shape.circle")
 * record Circle(double radius) implements Shape {}
 * }</pre>
 *
 * Tags must be unique within an application; register the classes with
 * {@code PagableStorageBuilder.registerTypes} or {@code registerPackages}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PagableType {

    /**
     * Returns the stable tag.
     *
     * @return a non-blank, application-unique name, e.g. {@code "shape.circle"}
     */
    String value();
}
