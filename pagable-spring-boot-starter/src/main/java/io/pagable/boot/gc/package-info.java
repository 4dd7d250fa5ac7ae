/**
 * The scheduled garbage collector: runs {@link io.pagable.PagableStorage#collectGarbage()} on a
 * schedule of its own. {@code PagableAutoConfiguration} creates one unless
 * {@code pagable.gc.enabled=false}.
 */
@NullMarked
package io.pagable.boot.gc;

import org.jspecify.annotations.NullMarked;
