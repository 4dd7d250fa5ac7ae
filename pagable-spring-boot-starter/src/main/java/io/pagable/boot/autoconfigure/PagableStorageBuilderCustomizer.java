package io.pagable.boot.autoconfigure;

import io.pagable.PagableStorageBuilder;

/**
 * Customizes the {@link PagableStorageBuilder} of the auto-configured
 * {@link io.pagable.PagableStorage} after the {@code pagable.*} properties are applied, for settings
 * that have no property (the arc cache's executor, node size limits, write batch size). Declare one
 * or more as beans; they run in {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface PagableStorageBuilderCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the store, type registry, cache and properties already set
     */
    void customize(PagableStorageBuilder builder);
}
