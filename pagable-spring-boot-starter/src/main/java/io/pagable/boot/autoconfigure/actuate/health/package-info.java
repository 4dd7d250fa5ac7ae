/**
 * The {@code pagable} health indicator and its auto-configuration.
 */
@NullMarked
package io.pagable.boot.autoconfigure.actuate.health;

import org.jspecify.annotations.NullMarked;
