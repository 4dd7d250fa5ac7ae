/**
 * The drainer: pages pending arcs out on a schedule of its own, and once more when the application
 * stops. {@code PagableAutoConfiguration} creates one unless {@code pagable.drainer.enabled=false}.
 */
@NullMarked
package io.pagable.boot.drainer;

import org.jspecify.annotations.NullMarked;
