/**
 * Auto-configuration for the {@code pagable} health indicator.
 */
@NullMarked
package io.pagable.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
