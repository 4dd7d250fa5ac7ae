package io.pagable;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose instances are each stored as a node of their own and shared by reference:
 * a field holding one is written as a child key, not inline, so an instance referenced from many
 * parents is stored once, and reading the parents back gives one instance again (while it is
 * reachable). Children annotated this way are loaded eagerly with their parent; hold a child
 * through {@link PagableArc} to load it lazily instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PagableNode {}
