/**
 * Spring Boot auto-configuration for pagable. Adding the starter gives a
 * {@link io.pagable.PagableStorage} bean on the store chosen by {@code pagable.store.type} (JDBC when
 * the application has a {@code DataSource}, else files), the {@code @PagableType} classes found in the
 * application's packages, a Caffeine arc cache, and a {@link io.pagable.boot.drainer.PagableDrainer}
 * that pages pending arcs out on a schedule and once more on shutdown. See
 * {@link io.pagable.boot.autoconfigure.PagableProperties} for every setting.
 */
@NullMarked
package io.pagable.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
