/**
 * Generating registries into pagable, measuring the heap around it, and the catalog of graphs, kept
 * as named roots.
 */
@NullMarked
package io.pagable.sample.graph;

import org.jspecify.annotations.NullMarked;
