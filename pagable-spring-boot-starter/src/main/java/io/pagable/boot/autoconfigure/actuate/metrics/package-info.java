/**
 * Micrometer meters of pagable and their auto-configuration.
 */
@NullMarked
package io.pagable.boot.autoconfigure.actuate.metrics;

import org.jspecify.annotations.NullMarked;
