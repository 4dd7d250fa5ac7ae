/**
 * Generating registries into pagable, measuring the heap around it, and the catalog of graph names
 * and root keys.
 */
@NullMarked
package io.pagable.sample.graph;

import org.jspecify.annotations.NullMarked;
