/**
 * Auto-configuration for the Micrometer meters of pagable.
 */
@NullMarked
package io.pagable.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
