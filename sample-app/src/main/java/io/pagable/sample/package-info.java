/**
 * The pagable sample application: a package registry generated into a {@link io.pagable.PagableStorage}
 * on H2, browsable over HTTP, with the {@code pagable} actuator endpoint.
 */
@NullMarked
package io.pagable.sample;

import org.jspecify.annotations.NullMarked;
