/**
 * Micrometer meters of pagable, under {@code pagable.*}, and the arc cache's cache meters.
 */
@NullMarked
package io.pagable.boot.actuate.metrics;

import org.jspecify.annotations.NullMarked;
