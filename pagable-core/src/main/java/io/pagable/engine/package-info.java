/**
 * The paging engine behind {@link io.pagable.PagableStorage}: the page-out queue and its child-first
 * writer, page-in with the arc cache and single-flight decoding, and statistics. Applications use
 * {@link io.pagable.PagableStorage#builder()} rather than these classes.
 */
@NullMarked
package io.pagable.engine;

import org.jspecify.annotations.NullMarked;
