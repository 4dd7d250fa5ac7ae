/**
 * Spring Data views of pagable: the named roots as a {@link org.springframework.data.domain.Window}
 * scrolled by keyset ({@link io.pagable.boot.data.PagableRootWindows}). Needs
 * {@code spring-data-commons} on the class path, which the starter does not bring.
 */
@NullMarked
package io.pagable.boot.data;

import org.jspecify.annotations.NullMarked;
